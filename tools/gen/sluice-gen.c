/* sluice-gen.c - writes the synthetic CSV tables "trips" and "logs", deterministic by seed, at disk speed. */
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Output is staged in one large buffer handed to write(2) whole. A row is formatted straight into
 * the buffer, so the buffer is flushed while at least ROW_MAX bytes are free; ROW_MAX also covers
 * the fixed-width over-copies below (a word or a vendor name is copied as a padded 16/32-byte block). */
#define OUT_BUF_SIZE ((size_t)4 << 20)
#define ROW_MAX 1024

#define NOTE_MAX 60 /* longest note value, in characters, before CSV quoting */

/* ---------------------------------------------------------------------------------------------
 * Random numbers: xoshiro256** seeded through splitmix64, so every seed (0 included) gives a
 * well-mixed state and the stream is the same on every platform.
 * ------------------------------------------------------------------------------------------- */
typedef struct rng {
	uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl64(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl64(s[3], 45);
	return result;
}

/* Uniform in [0, n) for n < 2^32 by multiply-shift of the top 32 bits: no division, and a bias of
 * at most n / 2^32, far below what any distribution here is meant to show. */
static inline uint32_t rng_below(rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline uint32_t rng_range(rng *r, uint32_t lo, uint32_t hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

/* ---------------------------------------------------------------------------------------------
 * Formatting without stdio: each helper writes at p and returns the new end.
 * ------------------------------------------------------------------------------------------- */
static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

#define PUT_LIT(p, s)                          \
	do {                                   \
		memcpy((p), (s), sizeof(s) - 1); \
		(p) += sizeof(s) - 1;          \
	} while (0)

/* Two digits, zero-padded: v < 100. */
static inline char *put2(char *p, uint32_t v)
{
	memcpy(p, digit_pairs + 2 * v, 2);
	return p + 2;
}

/* v in decimal, no padding. Digits are produced two at a time from the right into a scratch
 * buffer, then copied once. */
static inline char *put_u64(char *p, uint64_t v)
{
	char tmp[20];
	char *t = tmp + sizeof tmp;
	while (v >= 100) {
		t -= 2;
		memcpy(t, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		t -= 2;
		memcpy(t, digit_pairs + 2 * v, 2);
	} else {
		*--t = (char)('0' + v);
	}
	size_t n = (size_t)(tmp + sizeof tmp - t);
	memcpy(p, t, n);
	return p + n;
}

/* Hundredths as "I.FF" (1234 -> "12.34", 5 -> "0.05"). */
static inline char *put_cents(char *p, uint32_t cents)
{
	p = put_u64(p, cents / 100);
	*p++ = '.';
	return put2(p, cents % 100);
}

/* v < 1000000 as exactly six digits. */
static inline char *put6(char *p, uint32_t v)
{
	p = put2(p, v / 10000);
	p = put2(p, v / 100 % 100);
	return put2(p, v % 100);
}

/* ---------------------------------------------------------------------------------------------
 * Output sink.
 * ------------------------------------------------------------------------------------------- */
typedef struct sink {
	int fd;
	const char *name;
	char *buf;
	size_t pos;
	uint64_t flushed; /* bytes already written out */
} sink;

static bool sink_flush(sink *o)
{
	size_t done = 0;
	while (done < o->pos) {
		ssize_t n = write(o->fd, o->buf + done, o->pos - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "sluice-gen: write %s: %s\n", o->name, strerror(errno));
			return false;
		}
		done += (size_t)n;
	}
	o->flushed += o->pos;
	o->pos = 0;
	return true;
}

/* ---------------------------------------------------------------------------------------------
 * Calendar.
 * ------------------------------------------------------------------------------------------- */
static bool is_leap_year(uint32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static uint32_t month_length(uint32_t y, uint32_t m)
{
	static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return (m == 2 && is_leap_year(y)) ? 29 : days[m - 1];
}

/* "YYYY-MM-DD "; years past 9999 keep their last four digits. */
static void format_date(char out[11], uint32_t y, uint32_t m, uint32_t d)
{
	char *p = put2(out, y / 100 % 100);
	p = put2(p, y % 100);
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	p = put2(p, d);
	*p = ' ';
}

/* ---------------------------------------------------------------------------------------------
 * Table "trips".
 * ------------------------------------------------------------------------------------------- */
static const char trips_header[] =
	"id,pickup_ts,passenger_count,distance,fare,payment_type,vendor,note,lat,lon,flag\n";

/* Names as they appear in the file (quoted when they hold a comma), padded to 32 bytes so that a
 * name is one fixed-size copy. */
typedef struct padded32 {
	char s[32];
	uint8_t len;
} padded32;

#define P32(lit) {lit, sizeof(lit) - 1}

static const padded32 vendors[] = {
	P32("\"Acme Cabs, Inc.\""),   P32("Yellow Star"),        P32("Metro Taxi"),
	P32("Big Apple Rides"),       P32("Gotham Car Service"), P32("\"Five Boroughs, LLC\""),
	P32("Hudson Transit"),        P32("Liberty Cabs"),       P32("Empire Livery"),
	P32("Brooklyn Express"),      P32("Queens Quick Cars"),  P32("Bronx Shuttle Co"),
	P32("Staten Island Taxi"),    P32("\"Uptown, Downtown & Co.\""), P32("Midtown Motors"),
	P32("Harbor Cabs"),           P32("Skyline Car Co"),     P32("Night Owl Taxi"),
	P32("\"Checker & Sons, Ltd.\""), P32("Green Line Rides"),
};
#define N_VENDORS (sizeof vendors / sizeof vendors[0])

static const padded32 payment_types[] = {
	P32("card"), P32("cash"), P32("no_charge"), P32("unknown"), P32("disputed"),
};

/* Note vocabulary: every word is at most 10 characters, so the first three words of a note plus
 * their separators and a pair of inner quotes always fit in NOTE_MAX (3 * 10 + 2 * 2 + 2 = 36). */
typedef struct padded16 {
	char s[16];
	uint8_t len;
} padded16;

#define P16(lit) {lit, sizeof(lit) - 1}

/* A padded name is one fixed-size copy; the end then moves by its length only. */
static inline char *put_padded16(char *p, const padded16 *w)
{
	memcpy(p, w->s, sizeof w->s);
	return p + w->len;
}

static inline char *put_padded32(char *p, const padded32 *w)
{
	memcpy(p, w->s, sizeof w->s);
	return p + w->len;
}

static const padded16 note_words[] = {
	P16("driver"),   P16("rider"),   P16("airport"),  P16("luggage"),   P16("late"),    P16("pickup"),
	P16("dropoff"),  P16("traffic"), P16("detour"),   P16("tip"),       P16("receipt"), P16("requested"),
	P16("quiet"),    P16("ride"),    P16("music"),    P16("window"),    P16("bridge"),  P16("tunnel"),
	P16("toll"),     P16("lost"),    P16("umbrella"), P16("phone"),     P16("left"),    P16("in"),
	P16("back"),     P16("seat"),    P16("rain"),     P16("snow"),      P16("heavy"),   P16("wait"),
	P16("extra"),    P16("stop"),    P16("friendly"), P16("clean"),     P16("car"),     P16("great"),
	P16("slow"),     P16("fast"),    P16("route"),    P16("GPS"),       P16("wrong"),   P16("address"),
	P16("called"),   P16("customer"), P16("said"),    P16("thanks"),    P16("the"),     P16("a"),
};
#define N_NOTE_WORDS (sizeof note_words / sizeof note_words[0])

typedef struct trips_gen {
	rng r;
	uint64_t id;
	char dates[366][11];     /* "2024-MM-DD " for each day of 2024 */
	uint8_t passengers[100]; /* passenger_count by percentile */
} trips_gen;

static void trips_init(trips_gen *g, uint64_t seed)
{
	rng_seed(&g->r, seed);
	g->id = 0;
	uint32_t day = 0;
	for (uint32_t m = 1; m <= 12; m++)
		for (uint32_t d = 1; d <= month_length(2024, m); d++)
			format_date(g->dates[day++], 2024, m, d);
	/* 0: 3%, 1: 68%, 2: 14%, 3: 5%, 4: 3%, 5: 5%, 6: 2% */
	static const uint8_t weights[7] = {3, 68, 14, 5, 3, 5, 2};
	uint32_t k = 0;
	for (uint8_t v = 0; v < 7; v++)
		for (uint32_t i = 0; i < weights[v]; i++)
			g->passengers[k++] = v;
}

/* Half the notes are empty. The others are 1-10 words, cut at NOTE_MAX characters. Of all rows,
 * 1% hold a word in inner quotes (written doubled) and 0.05% a line break; a quarter of the
 * non-empty notes hold ", ". A note with a comma, a quote or a line break is quoted. The special
 * separators and the quoted word sit among the first three words, which always fit. */
static char *put_note(rng *r, char *p)
{
	uint32_t x = rng_below(r, 20000);
	if (x < 10000)
		return p;
	bool dq = x < 10200;
	bool nl = x >= 19990;
	bool comma = rng_below(r, 4) == 0;
	uint32_t nwords = rng_range(r, 1, 10);
	if ((comma || nl) && nwords < 2)
		nwords = 2;
	uint32_t first3 = nwords < 3 ? nwords : 3;
	uint32_t qword = dq ? rng_below(r, first3) : UINT32_MAX;
	uint32_t seps = nwords - 1 < 3 ? nwords - 1 : 3; /* separators among the first three words */
	uint32_t nl_at = nl ? 1 + rng_below(r, seps) : UINT32_MAX;       /* before word nl_at */
	uint32_t comma_at = comma ? 1 + rng_below(r, seps) : UINT32_MAX; /* before word comma_at */
	bool quoted = dq || nl || comma;

	if (quoted)
		*p++ = '"';
	uint32_t len = 0;
	for (uint32_t i = 0; i < nwords; i++) {
		const padded16 *w = &note_words[rng_below(r, N_NOTE_WORDS)];
		uint32_t sep = i == 0 ? 0 : (i == comma_at && i != nl_at) ? 2 : 1;
		uint32_t inner = i == qword ? 2 : 0;
		if (len + sep + w->len + inner > NOTE_MAX)
			break;
		len += sep + w->len + inner;
		if (i == nl_at) {
			*p++ = '\n';
		} else if (i == comma_at) {
			*p++ = ',';
			*p++ = ' ';
		} else if (i > 0) {
			*p++ = ' ';
		}
		if (inner) {
			*p++ = '"';
			*p++ = '"';
		}
		p = put_padded16(p, w);
		if (inner) {
			*p++ = '"';
			*p++ = '"';
		}
	}
	if (quoted)
		*p++ = '"';
	return p;
}

/* Distance in hundredths of a mile, skewed short: 40% in 0-2, 30% in 2-5, 15% in 5-10,
 * 9.7% in 10-20, 5.3% in 20-60. */
static uint32_t trip_distance(rng *r)
{
	uint32_t b = rng_below(r, 1000);
	if (b < 400)
		return rng_range(r, 0, 200);
	if (b < 700)
		return rng_range(r, 200, 500);
	if (b < 850)
		return rng_range(r, 500, 1000);
	if (b < 947)
		return rng_range(r, 1000, 2000);
	return rng_range(r, 2000, 6000);
}

static char *trips_row(trips_gen *g, char *p)
{
	rng *r = &g->r;

	p = put_u64(p, ++g->id);
	*p++ = ',';

	uint32_t sec = rng_below(r, 366u * 86400u);
	uint32_t sod = sec % 86400u;
	memcpy(p, g->dates[sec / 86400u], 11);
	p += 11;
	p = put2(p, sod / 3600);
	*p++ = ':';
	p = put2(p, sod / 60 % 60);
	*p++ = ':';
	p = put2(p, sod % 60);
	*p++ = ',';

	*p++ = (char)('0' + g->passengers[rng_below(r, 100)]);
	*p++ = ',';

	/* fare = 2.50 + 2.00 per mile + 0.00-5.00 extras: only trips over ~22 miles pass 50.00,
	 * which is about 5% of rows. */
	uint32_t dist = trip_distance(r);
	p = put_cents(p, dist);
	*p++ = ',';
	p = put_cents(p, 250 + 2 * dist + rng_below(r, 501));
	*p++ = ',';

	uint32_t pay = rng_below(r, 1000);
	const padded32 *pt = &payment_types[pay < 600 ? 0 : pay < 900 ? 1 : pay < 960 ? 2 : pay < 999 ? 3 : 4];
	p = put_padded32(p, pt);
	*p++ = ',';

	const padded32 *v = &vendors[rng_below(r, N_VENDORS)];
	p = put_padded32(p, v);
	*p++ = ',';

	p = put_note(r, p);
	*p++ = ',';

	/* lat 40.500000-40.920000, lon -74.250000 to -73.700000 */
	PUT_LIT(p, "40.");
	p = put6(p, 500000 + rng_below(r, 420001));
	*p++ = ',';
	uint32_t lon = 74250000 - rng_below(r, 550001);
	*p++ = '-';
	p = put2(p, lon / 1000000);
	*p++ = '.';
	p = put6(p, lon % 1000000);
	*p++ = ',';

	*p++ = rng_below(r, 10) == 0 ? 'Y' : 'N';
	*p++ = '\n';
	return p;
}

/* ---------------------------------------------------------------------------------------------
 * Table "logs".
 * ------------------------------------------------------------------------------------------- */
static const char logs_header[] = "ts,level,service,latency_ms,message\n";

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

typedef struct logs_gen {
	rng r;
	log_clock clock;
} logs_gen;

static void logs_init(logs_gen *g, uint64_t seed)
{
	rng_seed(&g->r, seed);
	g->clock = (log_clock){.y = 2024, .mo = 1, .d = 1};
	clock_render(&g->clock);
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

static char *logs_row(logs_gen *g, char *p)
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

/* ---------------------------------------------------------------------------------------------
 * Command line.
 * ------------------------------------------------------------------------------------------- */
static void usage(FILE *f)
{
	fputs("usage: sluice-gen trips|logs [--rows N | --size BYTES] [--seed S] [-o FILE]\n"
	      "  --rows N      write N records (default 1000000)\n"
	      "  --size BYTES  write records until the output, header included, reaches BYTES;\n"
	      "                suffixes K M G T are powers of 1000, Ki Mi Gi Ti powers of 1024\n"
	      "                (case-insensitive, optional trailing B: 2G = 2GB = 2000000000)\n"
	      "  --seed S      64-bit seed (default 42); equal seeds give equal rows\n"
	      "  -o FILE       write to FILE instead of stdout (\"-\": stdout)\n"
	      "The number of records written (header excluded) is printed on stderr as \"records: N\".\n",
	      f);
}

static int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "sluice-gen: %s: '%s'\n", what, arg);
	else
		fprintf(stderr, "sluice-gen: %s\n", what);
	fputs("usage: sluice-gen trips|logs [--rows N | --size BYTES] [--seed S] [-o FILE]   (--help for more)\n",
	      stderr);
	return 2;
}

/* Parses a decimal unsigned 64-bit number; *end gets the first byte after the digits. */
static bool parse_u64(const char *s, uint64_t *out, const char **end)
{
	uint64_t v = 0;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		uint64_t d = (uint64_t)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	*end = p;
	return true;
}

static bool parse_number(const char *s, uint64_t *out)
{
	const char *end;
	return parse_u64(s, out, &end) && *end == '\0';
}

static bool parse_size(const char *s, uint64_t *out)
{
	const char *p;
	uint64_t v;
	if (!parse_u64(s, &v, &p))
		return false;
	uint64_t unit = 1;
	int power = 0;
	switch (*p) {
	case 'k': case 'K': power = 1; break;
	case 'm': case 'M': power = 2; break;
	case 'g': case 'G': power = 3; break;
	case 't': case 'T': power = 4; break;
	default: break;
	}
	if (power) {
		p++;
		uint64_t base = 1000;
		if (*p == 'i' || *p == 'I') {
			base = 1024;
			p++;
		}
		while (power--)
			unit *= base;
	}
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p != '\0' || v > UINT64_MAX / unit)
		return false;
	*out = v * unit;
	return true;
}

/* The command line, parsed. */
typedef struct gen_args {
	const char *table, *path;
	uint64_t rows, size, seed;
	bool have_rows, have_size;
} gen_args;

/* Which option a is, and its value: after its '=' or the next argument. Returns 0, or 2 after a usage error. */
static int option_value(const char *a, int argc, char **argv, int *i, const char **name, const char **val)
{
	static const char *const names[] = {"--rows", "--size", "--seed", "-o", "--output"};
	*name = NULL;
	*val = NULL;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		size_t n = strlen(names[k]);
		if (strncmp(a, names[k], n) == 0 && (a[n] == '\0' || (a[n] == '=' && a[1] == '-'))) {
			*name = names[k];
			*val = a[n] == '=' ? a + n + 1 : NULL;
			break;
		}
	}
	if (!*name)
		return usage_error("unknown option", a);
	if (!*val) {
		if (*i + 1 >= argc)
			return usage_error("missing value for", a);
		*val = argv[++*i];
	}
	return 0;
}

/* Fills *g from argv. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, gen_args *g)
{
	*g = (gen_args){.rows = 1000000, .seed = 42};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (g->table)
				return usage_error("unexpected argument", a);
			g->table = a;
			continue;
		}
		const char *name, *val;
		if (option_value(a, argc, argv, &i, &name, &val) != 0)
			return 2;
		if (strcmp(name, "--rows") == 0) {
			if (!parse_number(val, &g->rows))
				return usage_error("--rows wants a non-negative integer, got", val);
			g->have_rows = true;
		} else if (strcmp(name, "--size") == 0) {
			if (!parse_size(val, &g->size))
				return usage_error("--size wants BYTES with an optional K/M/G/T or Ki/Mi/Gi/Ti suffix, got", val);
			g->have_size = true;
		} else if (strcmp(name, "--seed") == 0) {
			if (!parse_number(val, &g->seed))
				return usage_error("--seed wants an unsigned 64-bit integer, got", val);
		} else {
			g->path = val;
		}
	}
	if (!g->table)
		return usage_error("missing table name (trips or logs)", NULL);
	if (strcmp(g->table, "trips") != 0 && strcmp(g->table, "logs") != 0)
		return usage_error("unknown table (want trips or logs)", g->table);
	if (g->have_rows && g->have_size)
		return usage_error("--rows and --size exclude each other", NULL);
	return -1;
}

int main(int argc, char **argv)
{
	gen_args args;
	int status = parse_args(argc, argv, &args);
	if (status >= 0)
		return status;
	const bool trips = strcmp(args.table, "trips") == 0;

	sink o = {.fd = STDOUT_FILENO, .name = "<stdout>"};
	if (args.path && strcmp(args.path, "-") != 0) {
		o.fd = open(args.path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (o.fd < 0) {
			fprintf(stderr, "sluice-gen: %s: %s\n", args.path, strerror(errno));
			return 1;
		}
		o.name = args.path;
	}
	o.buf = malloc(OUT_BUF_SIZE);
	/* The table state (a few KiB) lives on the heap with the buffer. */
	trips_gen *tg = trips ? malloc(sizeof *tg) : NULL;
	logs_gen *lg = trips ? NULL : malloc(sizeof *lg);
	if (!o.buf || (trips ? !tg : !lg)) {
		fputs("sluice-gen: out of memory\n", stderr);
		return 1;
	}

	const char *header = trips ? trips_header : logs_header;
	size_t header_len = strlen(header);
	memcpy(o.buf, header, header_len);
	o.pos = header_len;
	if (trips)
		trips_init(tg, args.seed);
	else
		logs_init(lg, args.seed);

	uint64_t n = 0;
	bool ok = true;
	for (;;) {
		if (args.have_size ? o.flushed + o.pos >= args.size : n == args.rows)
			break;
		if (OUT_BUF_SIZE - o.pos < ROW_MAX && !(ok = sink_flush(&o)))
			break;
		char *end = trips ? trips_row(tg, o.buf + o.pos) : logs_row(lg, o.buf + o.pos);
		o.pos = (size_t)(end - o.buf);
		n++;
	}
	if (ok)
		ok = sink_flush(&o);
	if (ok && o.fd != STDOUT_FILENO && close(o.fd) != 0) {
		fprintf(stderr, "sluice-gen: close %s: %s\n", o.name, strerror(errno));
		ok = false;
	}
	free(o.buf);
	free(tg);
	free(lg);
	if (!ok)
		return 1;
	fprintf(stderr, "records: %llu\n", (unsigned long long)n);
	return 0;
}
