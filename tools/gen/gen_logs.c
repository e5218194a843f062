/* gen_logs.c - the table "logs": service log lines with levels, latencies and messages, a few of
 * them quoted and some with the word "timeout". */
#include "gen/gen.h"

#include <stdlib.h>

/* ---------------------------------------------------------------------------------------------
 * Table "logs".
 * ------------------------------------------------------------------------------------------- */
const char logs_header[] = "ts,level,service,latency_ms,message\n";

static const padded16 services[] = {
	P16("api-gateway"), P16("auth"),     P16("billing"),       P16("catalog"),  P16("checkout"),
	P16("inventory"),   P16("payments"), P16("notifications"), P16("search"),   P16("shipping"),
};
#define N_SERVICES (sizeof services / sizeof services[0])

static const padded16 resources[] = {
	P16("orders"), P16("users"), P16("carts"), P16("invoices"), P16("products"), P16("sessions"), P16("refunds"),
	P16("shipments"),
};
#define N_RESOURCES (sizeof resources / sizeof resources[0])

static const padded16 levels[] = {P16("INFO"), P16("WARN"), P16("ERROR")};

/* A wall clock that only moves forward; its text is re-rendered only when it changes. */
typedef struct log_clock {
	uint32_t y, mo, d, h, mi, s;
	char text[19]; /* "YYYY-MM-DD HH:MM:SS" */
} log_clock;

static void clock_render(log_clock *c)
{
	format_date(c->text, c->y, c->mo, c->d);
	char *p = c->text + 11;
	p = put2(p, c->h);
	*p++ = ':';
	p = put2(p, c->mi);
	*p++ = ':';
	put2(p, c->s);
}

static void clock_tick(log_clock *c)
{
	if (++c->s == 60) {
		c->s = 0;
		if (++c->mi == 60) {
			c->mi = 0;
			if (++c->h == 24) {
				c->h = 0;
				if (++c->d > month_length(c->y, c->mo)) {
					c->d = 1;
					if (++c->mo == 13) {
						c->mo = 1;
						c->y++;
					}
				}
			}
		}
	}
	clock_render(c);
}

struct logs_gen {
	rng r;
	log_clock clock;
};

static void logs_init(logs_gen *g, uint64_t seed)
{
	rng_seed(&g->r, seed);
	g->clock = (log_clock){.y = 2024, .mo = 1, .d = 1};
	clock_render(&g->clock);
}

logs_gen *logs_new(uint64_t seed)
{
	logs_gen *g = malloc(sizeof *g);
	if (g)
		logs_init(g, seed);
	return g;
}

enum log_level { LV_INFO, LV_WARN, LV_ERROR };

/* Message templates. Only the TIMEOUT_* ones contain the word "timeout"; the *_C ones contain a
 * comma and are written quoted. */
enum log_msg {
	MSG_GET, MSG_POST, MSG_LOGIN, MSG_CACHE_HIT, MSG_BATCH_C, MSG_HEALTH,          /* INFO */
	MSG_SLOW_C, MSG_RETRY_C, MSG_CACHE_MISS, MSG_DEPRECATED,                       /* WARN */
	MSG_RESET, MSG_QUOTA, MSG_DECLINED_C, MSG_EXCEPTION,                           /* ERROR */
	MSG_TIMEOUT_UPSTREAM, MSG_TIMEOUT_WAIT_C, MSG_TIMEOUT_DB,                      /* WARN/ERROR */
};

/* What a line says: its level, message template and latency. INFO 85%, WARN 10%, ERROR 5%;
 * "timeout" in 7.5% of WARN and 25% of ERROR = 2% of rows. */
typedef struct log_pick {
	enum log_level level;
	enum log_msg msg;
	uint32_t latency;
} log_pick;

static log_pick logs_pick(rng *r)
{
	log_pick k;
	uint32_t lv = rng_below(r, 100);
	k.level = lv < 85 ? LV_INFO : lv < 95 ? LV_WARN : LV_ERROR;
	if (k.level == LV_INFO) {
		k.msg = (enum log_msg)(MSG_GET + rng_below(r, 6));
		uint32_t b = rng_below(r, 100);
		k.latency = b < 70 ? rng_range(r, 1, 49)
		          : b < 92 ? rng_range(r, 50, 199)
		          : b < 99 ? rng_range(r, 200, 999)
		                   : rng_range(r, 1000, 4999);
	} else if (rng_below(r, 1000) < (k.level == LV_WARN ? 75u : 250u)) {
		k.msg = (enum log_msg)(MSG_TIMEOUT_UPSTREAM + rng_below(r, 3));
		k.latency = rng_range(r, 3000, 30000);
	} else if (k.level == LV_WARN) {
		k.msg = (enum log_msg)(MSG_SLOW_C + rng_below(r, 4));
		k.latency = rng_range(r, 200, 2999);
	} else {
		k.msg = (enum log_msg)(MSG_RESET + rng_below(r, 4));
		k.latency = rng_range(r, 1, 999);
	}
	return k;
}

/* The words a message template is filled with, drawn for every line whatever it uses. */
typedef struct log_words {
	const padded16 *res, *peer;
	uint32_t id, latency;
} log_words;

static char *put_cache_message(char *p, bool hit, const log_words *w)
{
	if (hit)
		PUT_LIT(p, "cache hit for key ");
	else
		PUT_LIT(p, "cache miss for key ");
	p = put_padded16(p, w->res);
	*p++ = ':';
	return put_u64(p, w->id);
}

static char *put_info_message(rng *r, char *p, enum log_msg msg, const log_words *w)
{
	switch (msg) {
	case MSG_GET:
		PUT_LIT(p, "GET /api/v1/");
		p = put_padded16(p, w->res);
		*p++ = '/';
		p = put_u64(p, w->id);
		PUT_LIT(p, " 200");
		return p;
	case MSG_POST:
		PUT_LIT(p, "POST /api/v1/");
		p = put_padded16(p, w->res);
		PUT_LIT(p, " 201 created");
		return p;
	case MSG_LOGIN:
		PUT_LIT(p, "user ");
		p = put_u64(p, w->id);
		PUT_LIT(p, " logged in");
		return p;
	case MSG_CACHE_HIT:
		return put_cache_message(p, true, w);
	case MSG_BATCH_C:
		PUT_LIT(p, "\"processed batch ");
		p = put_u64(p, w->id);
		PUT_LIT(p, ", ");
		p = put_u64(p, rng_range(r, 1, 500));
		PUT_LIT(p, " items\"");
		return p;
	default: /* MSG_HEALTH */
		PUT_LIT(p, "health check ok");
		return p;
	}
}

static char *put_warn_message(rng *r, char *p, enum log_msg msg, const log_words *w)
{
	switch (msg) {
	case MSG_SLOW_C:
		PUT_LIT(p, "\"slow query on ");
		p = put_padded16(p, w->res);
		PUT_LIT(p, ", ");
		p = put_u64(p, w->latency);
		PUT_LIT(p, " ms\"");
		return p;
	case MSG_RETRY_C:
		PUT_LIT(p, "\"retrying call to ");
		p = put_padded16(p, w->peer);
		PUT_LIT(p, ", attempt ");
		*p++ = (char)('2' + rng_below(r, 4));
		PUT_LIT(p, " of 5\"");
		return p;
	case MSG_CACHE_MISS:
		return put_cache_message(p, false, w);
	default: /* MSG_DEPRECATED */
		PUT_LIT(p, "deprecated endpoint /api/v0/");
		p = put_padded16(p, w->res);
		PUT_LIT(p, " called");
		return p;
	}
}

static char *put_error_message(rng *r, char *p, enum log_msg msg, const log_words *w)
{
	switch (msg) {
	case MSG_RESET:
		PUT_LIT(p, "connection reset by peer");
		return p;
	case MSG_QUOTA:
		PUT_LIT(p, "failed to write ");
		p = put_padded16(p, w->res);
		*p++ = ' ';
		p = put_u64(p, w->id);
		PUT_LIT(p, ": disk quota exceeded");
		return p;
	case MSG_DECLINED_C:
		PUT_LIT(p, "\"payment declined, code ");
		p = put_u64(p, rng_range(r, 1, 99));
		*p++ = '"';
		return p;
	default: /* MSG_EXCEPTION */
		PUT_LIT(p, "unhandled exception in ");
		p = put_padded16(p, w->res);
		PUT_LIT(p, " handler");
		return p;
	}
}

static char *put_timeout_message(char *p, enum log_msg msg, const log_words *w)
{
	switch (msg) {
	case MSG_TIMEOUT_UPSTREAM:
		PUT_LIT(p, "upstream timeout calling ");
		p = put_padded16(p, w->peer);
		PUT_LIT(p, " after ");
		p = put_u64(p, w->latency);
		PUT_LIT(p, " ms");
		return p;
	case MSG_TIMEOUT_WAIT_C:
		PUT_LIT(p, "\"timeout waiting for ");
		p = put_padded16(p, w->peer);
		PUT_LIT(p, ", gave up after ");
		p = put_u64(p, w->latency);
		PUT_LIT(p, " ms\"");
		return p;
	default: /* MSG_TIMEOUT_DB */
		PUT_LIT(p, "database timeout on ");
		p = put_padded16(p, w->res);
		PUT_LIT(p, " query");
		return p;
	}
}

char *logs_row(logs_gen *g, char *p)
{
	rng *r = &g->r;

	memcpy(p, g->clock.text, sizeof g->clock.text);
	p += sizeof g->clock.text;
	*p++ = ',';
	/* about four lines per second: timestamps never decrease */
	if (rng_below(r, 4) == 0)
		clock_tick(&g->clock);

	const log_pick k = logs_pick(r);
	p = put_padded16(p, &levels[k.level]);
	*p++ = ',';
	p = put_padded16(p, &services[rng_below(r, N_SERVICES)]);
	*p++ = ',';
	p = put_u64(p, k.latency);
	*p++ = ',';

	log_words w;
	w.res = &resources[rng_below(r, N_RESOURCES)];
	w.peer = &services[rng_below(r, N_SERVICES)];
	w.id = rng_range(r, 1, 9999999);
	w.latency = k.latency;
	if (k.msg <= MSG_HEALTH)
		p = put_info_message(r, p, k.msg, &w);
	else if (k.msg <= MSG_DEPRECATED)
		p = put_warn_message(r, p, k.msg, &w);
	else if (k.msg <= MSG_EXCEPTION)
		p = put_error_message(r, p, k.msg, &w);
	else
		p = put_timeout_message(p, k.msg, &w);
	*p++ = '\n';
	return p;
}

