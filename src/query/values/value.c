/* value.c - booleans, dates and timestamps as text, value printing and type names. */
#include "query/values/value.h"

#include <string.h>

#define MICROS_PER_SECOND INT64_C(1000000)
#define MICROS_PER_DAY (INT64_C(86400) * MICROS_PER_SECOND)

static inline bool is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* ASCII-only case folding: names and keywords are ASCII, and no locale may change what matches. */
static inline char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
}

static bool equal_ci(const char *s, size_t n, const char *lower_word)
{
	size_t k = strlen(lower_word);
	if (n != k)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != lower_word[i])
			return false;
	return true;
}

bool sq_parse_bool(const char *p, size_t n, bool *out)
{
	if (equal_ci(p, n, "true") || equal_ci(p, n, "t") || equal_ci(p, n, "yes")) {
		*out = true;
		return true;
	}
	if (equal_ci(p, n, "false") || equal_ci(p, n, "f") || equal_ci(p, n, "no")) {
		*out = false;
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------------------------------------
 * The calendar: proleptic Gregorian, after Howard Hinnant's days_from_civil and civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html). Counting years from March puts the leap
 * day last, so a 400-year era is 146097 days with no table lookups.
 * ---------------------------------------------------------------------------------------------- */

static bool is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int64_t y, int m)
{
	static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Floor division, for negative day and microsecond counts. */
static inline int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;                                       /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;     /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;               /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

/* Valid for every int64: the era is split off before the epoch shift (March 1st of year 0 is day
 * -719468), and never multiplied back, so nothing overflows. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era = z / 146097;
	int64_t doe = z % 146097 + 719468; /* (573371, 865565): positive, fold back into one era */
	era += doe / 146097;
	doe %= 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                                      /* [0, 11], from March */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool sq_civil_day(int64_t y, int m, int d, int64_t *days)
{
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

/* The value of n digits at p, or -1 when one of them is not a digit. */
static int digits_value(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* YYYY-MM-DD at p (10 bytes available). */
static bool parse_ymd(const char *p, int64_t *days)
{
	if (p[4] != '-' || p[7] != '-')
		return false;
	int y = digits_value(p, 4), m = digits_value(p + 5, 2), d = digits_value(p + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

bool sq_parse_date(const char *p, size_t n, int64_t *days)
{
	return n == 10 && parse_ymd(p, days);
}

bool sq_parse_timestamp(const char *p, size_t n, int64_t *micros)
{
	int64_t days;
	if (n < 10 || !parse_ymd(p, &days))
		return false;
	if (n == 10) {
		*micros = days * MICROS_PER_DAY;
		return true;
	}
	/* "YYYY-MM-DD HH:MM:SS" is 19 bytes; a fraction adds '.' and 1..6 digits. */
	if (n < 19 || n == 20 || n > 26 || (p[10] != ' ' && p[10] != 'T') || p[13] != ':' || p[16] != ':')
		return false;
	int hh = digits_value(p + 11, 2), mm = digits_value(p + 14, 2), ss = digits_value(p + 17, 2);
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return false;
	int64_t frac = 0;
	if (n > 19) {
		if (p[19] != '.')
			return false;
		int nf = (int)n - 20;
		int f = digits_value(p + 20, nf);
		if (f < 0)
			return false;
		frac = f;
		for (int i = nf; i < 6; i++)
			frac *= 10;
	}
	*micros = days * MICROS_PER_DAY + ((int64_t)hh * 3600 + mm * 60 + ss) * MICROS_PER_SECOND + frac;
	return true;
}

/* The UTC offset at the end of text: Z, or +|- HH, HH:MM or HHMM. Returns the offset's length, 0
 * when there is none, and the offset in microseconds east of UTC in *off. */
static size_t utc_offset(const char *p, size_t n, int64_t *off)
{
	if (n >= 1 && p[n - 1] == 'Z') {
		*off = 0;
		return 1;
	}
	for (size_t len = 3; len <= 6 && len <= n; len++) {
		const char *s = p + n - len, sign = s[0];
		if (sign != '+' && sign != '-')
			continue;
		int hh = digits_value(s + 1, 2), mm = 0;
		if (len == 5)
			mm = digits_value(s + 3, 2);
		else if (len == 6)
			mm = s[3] == ':' ? digits_value(s + 4, 2) : -1;
		else if (len == 4)
			continue;
		if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
			return 0;
		*off = ((int64_t)hh * 3600 + mm * 60) * MICROS_PER_SECOND * (sign == '-' ? -1 : 1);
		return len;
	}
	return 0;
}

bool sq_parse_timestamptz(const char *p, size_t n, int64_t *micros)
{
	int64_t off, local;
	const size_t k = utc_offset(p, n, &off);
	/* an offset follows a time: the "-05" of "2024-03-05" is the day */
	if (k && n - k >= 19 && sq_parse_timestamp(p, n - k, &local)) {
		*micros = local - off;
		return true;
	}
	return sq_parse_timestamp(p, n, micros); /* no offset: UTC, the one time zone */
}

/* Writes v with at least width digits, zero-padded; returns the count. */
static size_t put_padded(uint64_t v, int width, char *o)
{
	char tmp[20];
	int k = (int)sizeof tmp;
	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while ((int)sizeof tmp - k < width)
		tmp[--k] = '0';
	memcpy(o, tmp + k, sizeof tmp - (size_t)k);
	return sizeof tmp - (size_t)k;
}

/* The date part, without a terminator. */
static size_t put_date(int64_t days, char *o)
{
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	size_t len = 0;
	if (y < 0)
		o[len++] = '-';
	len += put_padded(y < 0 ? 0 - (uint64_t)y : (uint64_t)y, 4, o + len);
	o[len++] = '-';
	len += put_padded((uint64_t)m, 2, o + len);
	o[len++] = '-';
	len += put_padded((uint64_t)d, 2, o + len);
	return len;
}

size_t sq_format_date(int64_t days, char *buf)
{
	size_t len = put_date(days, buf);
	buf[len] = '\0';
	return len;
}

size_t sq_format_timestamp(int64_t micros, char *buf)
{
	/* Remainder first: days * MICROS_PER_DAY would overflow near INT64_MIN. */
	int64_t days = micros / MICROS_PER_DAY, rest = micros % MICROS_PER_DAY;
	if (rest < 0) {
		rest += MICROS_PER_DAY;
		days--;
	}
	int64_t secs = rest / MICROS_PER_SECOND;
	int64_t frac = rest % MICROS_PER_SECOND;
	size_t len = put_date(days, buf);
	buf[len++] = ' ';
	len += put_padded((uint64_t)(secs / 3600), 2, buf + len);
	buf[len++] = ':';
	len += put_padded((uint64_t)(secs / 60 % 60), 2, buf + len);
	buf[len++] = ':';
	len += put_padded((uint64_t)(secs % 60), 2, buf + len);
	if (frac != 0) {
		int width = 6;
		while (frac % 10 == 0) {
			frac /= 10;
			width--;
		}
		buf[len++] = '.';
		len += put_padded((uint64_t)frac, width, buf + len);
	}
	buf[len] = '\0';
	return len;
}

size_t sq_format_timestamptz(int64_t micros, char *buf)
{
	size_t len = sq_format_timestamp(micros, buf);
	memcpy(buf + len, "+00", 4);
	return len + 3;
}

size_t sq_format_value(const sq_value *v, char *buf, size_t cap)
{
	char tmp[SQ_FORMAT_CAP];
	const char *text = tmp;
	size_t len;
	if (v->null) {
		text = "NULL";
		len = 4;
	} else {
		switch (v->type) {
		case SQ_T_BOOLEAN:
			text = v->u.b ? "true" : "false";
			len = strlen(text);
			break;
		case SQ_T_BIGINT:
			len = sq_format_int64(v->u.i, tmp);
			break;
		case SQ_T_DOUBLE:
			len = sq_format_double(v->u.d, tmp);
			break;
		case SQ_T_DATE:
			len = sq_format_date(v->u.i, tmp);
			break;
		case SQ_T_TIMESTAMP:
			len = sq_format_timestamp(v->u.i, tmp);
			break;
		case SQ_T_TIMESTAMPTZ:
			len = sq_format_timestamptz(v->u.i, tmp);
			break;
		case SQ_T_VARCHAR:
			text = v->u.s.ptr;
			len = v->u.s.len;
			break;
		case SQ_T_NULL: /* the NULL literal's type; a value of it is null whatever the flag says */
			text = "NULL";
			len = 4;
			break;
		default:
			len = 0;
			break;
		}
	}
	if (len > cap)
		len = cap;
	if (len > 0)
		memcpy(buf, text, len);
	if (len < cap)
		buf[len] = '\0';
	return len;
}

/* ------------------------------------------------------------------------------------------------
 * Types.
 * ---------------------------------------------------------------------------------------------- */

const char *sq_type_name(int type)
{
	switch (type) {
	case SQ_T_NULL: return "NULL";
	case SQ_T_BOOLEAN: return "BOOLEAN";
	case SQ_T_BIGINT: return "BIGINT";
	case SQ_T_DOUBLE: return "DOUBLE";
	case SQ_T_DATE: return "DATE";
	case SQ_T_TIMESTAMP: return "TIMESTAMP";
	case SQ_T_VARCHAR: return "VARCHAR";
	case SQ_T_TIMESTAMPTZ: return "TIMESTAMP WITH TIME ZONE"; /* DuckDB's name, in DESCRIBE and typeof */
	default: return "?";
	}
}

int sq_type_from_name(const char *name, size_t n)
{
	/* All integer widths widen to BIGINT and exact decimals to DOUBLE: the engine computes in
	 * those two, so a narrower declared type only promises values that fit. */
	static const struct {
		const char *name;
		int type;
	} names[] = {
		{"null", SQ_T_NULL},
		{"boolean", SQ_T_BOOLEAN}, {"bool", SQ_T_BOOLEAN}, {"logical", SQ_T_BOOLEAN},
		{"bigint", SQ_T_BIGINT}, {"int8", SQ_T_BIGINT}, {"long", SQ_T_BIGINT},
		{"integer", SQ_T_BIGINT}, {"int", SQ_T_BIGINT}, {"int4", SQ_T_BIGINT},
		{"smallint", SQ_T_BIGINT}, {"int2", SQ_T_BIGINT}, {"tinyint", SQ_T_BIGINT},
		{"int1", SQ_T_BIGINT}, {"hugeint", SQ_T_BIGINT},
		{"double", SQ_T_DOUBLE}, {"double precision", SQ_T_DOUBLE}, {"float8", SQ_T_DOUBLE},
		{"float", SQ_T_DOUBLE}, {"float4", SQ_T_DOUBLE}, {"real", SQ_T_DOUBLE},
		{"decimal", SQ_T_DOUBLE}, {"numeric", SQ_T_DOUBLE},
		{"date", SQ_T_DATE},
		{"timestamp", SQ_T_TIMESTAMP}, {"datetime", SQ_T_TIMESTAMP},
		{"timestamptz", SQ_T_TIMESTAMPTZ}, {"timestamp with time zone", SQ_T_TIMESTAMPTZ},
		{"varchar", SQ_T_VARCHAR}, {"text", SQ_T_VARCHAR}, {"string", SQ_T_VARCHAR},
		{"char", SQ_T_VARCHAR}, {"bpchar", SQ_T_VARCHAR},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (equal_ci(name, n, names[i].name))
			return names[i].type;
	return -1;
}
