/* generate.c - random CSV-like inputs for the kernel tests: well-formed records of a dialect, and
 * noise made of the bytes that matter to it. */
#include <stdlib.h>
#include <string.h>

#include "generate.h"

/* ---------------------------------------------------------------------------------------------
 * Generated inputs.
 * ------------------------------------------------------------------------------------------- */


uint64_t rng_next(rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

unsigned rng_below(rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}


void put(gen *g, uint8_t c)
{
	if (g->len < g->cap)
		g->p[g->len++] = c;
}

void puts_n(gen *g, const char *s)
{
	while (*s)
		put(g, (uint8_t)*s++);
}

/* A random byte of the structure-heavy alphabet of dialect d. */
uint8_t noise_byte(rng *r, const sluice_dialect *d)
{
	static const uint8_t base[] = { 'a', 'a', 'a', 'a', ',', ',', '"', '"', '"', '\n', '\n', '\r', ' ', 'b' };
	unsigned extra = 0;
	uint8_t ex[6];
	if (d->delimiter != ',') {
		ex[extra++] = d->delimiter;
		ex[extra++] = d->delimiter;
	}
	if (d->escape != SLUICE_NO_CHAR) {
		ex[extra++] = (uint8_t)d->escape;
		ex[extra++] = (uint8_t)d->escape;
	}
	if (d->comment[0]) {
		ex[extra++] = (uint8_t)d->comment[0];
		if (d->comment[1])
			ex[extra++] = (uint8_t)d->comment[1];
	}
	if (d->trim && extra < 6)
		ex[extra++] = '\t';
	unsigned k = rng_below(r, (unsigned)sizeof base + extra);
	return k < sizeof base ? base[k] : ex[k - sizeof base];
}

void put_line_end(gen *g, rng *r)
{
	switch (rng_below(r, 4)) {
	case 0: puts_n(g, "\r\n"); break;
	case 1: put(g, '\r'); break;
	default: put(g, '\n'); break;
	}
}

/* Appends one well-formed field of dialect d. */
void put_field(gen *g, rng *r, const sluice_dialect *d)
{
	const bool has_quote = d->quote != SLUICE_NO_CHAR;
	const bool has_escape = d->escape != SLUICE_NO_CHAR;
	const uint8_t Q = has_quote ? (uint8_t)d->quote : '"';
	unsigned n = rng_below(r, 8) == 0 ? 20 + rng_below(r, 60) : rng_below(r, 6);

	if (d->trim && rng_below(r, 3) == 0)
		puts_n(g, rng_below(r, 2) ? " " : " \t");
	if (has_quote && rng_below(r, 2)) {
		put(g, Q);
		for (unsigned i = 0; i < n; i++) {
			switch (rng_below(r, 12)) {
			case 0: put(g, d->delimiter); break;
			case 1: put(g, '\n'); break;
			case 2: put(g, '\r'); break;
			case 3: puts_n(g, "\r\n"); break;
			case 4:
				if (d->double_quote) {
					put(g, Q);
					put(g, Q);
				} else {
					put(g, 'q');
				}
				break;
			case 5:
				if (has_escape) {
					put(g, (uint8_t)d->escape);
					put(g, noise_byte(r, d));
				} else {
					put(g, ' ');
				}
				break;
			case 6: put(g, d->comment[0] ? (uint8_t)d->comment[0] : ','); break;
			default: put(g, 'a'); break;
			}
		}
		put(g, Q);
	} else {
		for (unsigned i = 0; i < n; i++) {
			switch (rng_below(r, 8)) {
			case 0: put(g, ' '); break;
			case 1:
				if (has_escape) {
					put(g, (uint8_t)d->escape);
					put(g, noise_byte(r, d));
				} else {
					put(g, 'b');
				}
				break;
			case 2: put(g, has_quote ? 'c' : '"'); break;
			default: put(g, 'a'); break;
			}
		}
	}
	if (d->trim && rng_below(r, 3) == 0)
		puts_n(g, rng_below(r, 2) ? " " : "\t ");
}

/* Builds well-formed CSV of exactly len bytes. The last piece is cut to fit by a field of 'a'. */
void gen_valid(gen *g, rng *r, const sluice_dialect *d, size_t len)
{
	uint8_t piece[256];
	bool record_start = true;
	g->len = 0;
	while (g->len < len) {
		gen pg = { .p = piece, .cap = sizeof piece };
		bool ends_record = false;
		if (record_start && d->comment[0] && rng_below(r, 8) == 0) {
			puts_n(&pg, d->comment);
			puts_n(&pg, rng_below(r, 2) ? " c,\"x" : "");
			put_line_end(&pg, r);
			ends_record = true;
		} else if (record_start && rng_below(r, 10) == 0) {
			put_line_end(&pg, r);
			ends_record = true;
		} else {
			put_field(&pg, r, d);
			if (rng_below(r, 3) == 0) {
				put_line_end(&pg, r);
				ends_record = true;
			} else {
				put(&pg, d->delimiter);
			}
		}
		size_t room = len - g->len;
		if (pg.len > room) {
			while (g->len < len)
				put(g, 'a');
			break;
		}
		memcpy(g->p + g->len, piece, pg.len);
		g->len += pg.len;
		record_start = ends_record;
	}
}

void gen_noise(gen *g, rng *r, const sluice_dialect *d, size_t len)
{
	g->len = 0;
	while (g->len < len)
		put(g, noise_byte(r, d));
}
