/* gen_trips.c - the table "trips": taxi rides with quoted vendor names, free-text notes (inner quotes,
 * commas, line breaks), decimals and timestamps. */
#include "gen/gen.h"

#include <stdlib.h>

#define NOTE_MAX 60 /* longest note value, in characters, before CSV quoting */

/* ---------------------------------------------------------------------------------------------
 * Table "trips".
 * ------------------------------------------------------------------------------------------- */
const char trips_header[] =
	"id,pickup_ts,passenger_count,distance,fare,payment_type,vendor,note,lat,lon,flag\n";

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

struct trips_gen {
	rng r;
	uint64_t id;
	char dates[366][11];     /* "2024-MM-DD " for each day of 2024 */
	uint8_t passengers[100]; /* passenger_count by percentile */
};

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

trips_gen *trips_new(uint64_t seed)
{
	trips_gen *g = malloc(sizeof *g);
	if (g)
		trips_init(g, seed);
	return g;
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

char *trips_row(trips_gen *g, char *p)
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

