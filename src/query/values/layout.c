/* layout.c - dates and timestamps read in a strftime-like layout, for the files that do not write ISO 8601. */
#include "query/values/layout.h"

#include "query/values/value.h"

#define MICROS_PER_SECOND INT64_C(1000000)
#define MICROS_PER_DAY (INT64_C(86400) * MICROS_PER_SECOND)

/* The parts read so far; -1 is "not given". */
typedef struct parts {
	int64_t year;
	int month, day;
	int hour, hour12, minute, second, pm;
	int64_t micros;
} parts;

/* Up to max digits (at least min) at *s into *v, advancing *s. */
static bool read_digits(const char **s, const char *end, int min, int max, int *v)
{
	int k = 0, x = 0;
	while (k < max && *s + k < end && (unsigned char)((*s)[k] - '0') < 10) {
		x = x * 10 + ((*s)[k] - '0');
		k++;
	}
	if (k < min)
		return false;
	*s += k;
	*v = x;
	return true;
}

static inline char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
}

/* One directive (the byte after '%') at *s. */
static bool read_directive(char dir, const char **s, const char *end, parts *t)
{
	int v = 0;
	switch (dir) {
	case 'd':
		return read_digits(s, end, 1, 2, &t->day);
	case 'm':
		return read_digits(s, end, 1, 2, &t->month);
	case 'Y':
		if (!read_digits(s, end, 4, 4, &v))
			return false;
		t->year = v;
		return true;
	case 'y':
		if (!read_digits(s, end, 2, 2, &v))
			return false;
		t->year = v < 69 ? 2000 + v : 1900 + v; /* as DuckDB's and POSIX strptime */
		return true;
	case 'H':
		return read_digits(s, end, 1, 2, &t->hour);
	case 'I':
		return read_digits(s, end, 1, 2, &t->hour12);
	case 'M':
		return read_digits(s, end, 1, 2, &t->minute);
	case 'S':
		return read_digits(s, end, 1, 2, &t->second);
	case 'f': {
		const char *from = *s;
		if (!read_digits(s, end, 1, 6, &v))
			return false;
		t->micros = v;
		for (long k = *s - from; k < 6; k++)
			t->micros *= 10;
		return true;
	}
	case 'p':
		if (end - *s < 2 || lower((*s)[1]) != 'm' || (lower(**s) != 'a' && lower(**s) != 'p'))
			return false;
		t->pm = lower(**s) == 'p';
		*s += 2;
		return true;
	case '%':
		if (*s == end || **s != '%')
			return false;
		(*s)++;
		return true;
	default:
		return false;
	}
}

/* The time of day in microseconds, or -1 when a part is out of range. */
static int64_t time_of_day(const parts *t)
{
	int hour = t->hour < 0 ? 0 : t->hour;
	if (t->hour12 >= 0) {
		if (t->hour12 < 1 || t->hour12 > 12 || t->pm < 0)
			return -1;
		hour = t->hour12 % 12 + (t->pm ? 12 : 0);
	}
	const int minute = t->minute < 0 ? 0 : t->minute, second = t->second < 0 ? 0 : t->second;
	if (hour > 23 || minute > 59 || second > 59)
		return -1;
	return ((int64_t)hour * 3600 + minute * 60 + second) * MICROS_PER_SECOND + t->micros;
}

bool sq_parse_layout(const char *layout, const char *p, size_t n, bool timestamp, int64_t *out)
{
	if (n == 0)
		return false;
	parts t = {.year = -1, .month = -1, .day = -1, .hour = -1, .hour12 = -1, .minute = -1, .second = -1, .pm = -1};
	const char *s = p, *end = p + n;
	for (const char *f = layout; *f; f++) {
		if (*f == '%' && f[1]) {
			if (!read_directive(*++f, &s, end, &t))
				return false;
			continue;
		}
		/* a timestamp layout's date alone: the day's midnight */
		if (s == end && timestamp && *f == ' ' && t.hour < 0 && t.hour12 < 0)
			break;
		if (s == end || *s != *f)
			return false;
		s++;
	}
	if (s != end || t.year < 0 || t.month < 0 || t.day < 0)
		return false;
	int64_t days;
	if (!sq_civil_day(t.year, t.month, t.day, &days))
		return false;
	if (!timestamp) {
		*out = days;
		return true;
	}
	const int64_t tod = time_of_day(&t);
	if (tod < 0)
		return false;
	*out = days * MICROS_PER_DAY + tod;
	return true;
}

const char *sq_layout_problem(const char *layout, bool timestamp)
{
	bool year = false, month = false, day = false, hour12 = false, ampm = false, time = false;
	for (const char *f = layout; *f; f++) {
		if (*f != '%')
			continue;
		switch (*++f) {
		case 'Y': case 'y': year = true; break;
		case 'm': month = true; break;
		case 'd': day = true; break;
		case 'I': hour12 = time = true; break;
		case 'p': ampm = time = true; break;
		case 'H': case 'M': case 'S': case 'f': time = true; break;
		case '%': break;
		case '\0': return "a layout cannot end in a lone '%'";
		default: return "a layout knows only %d %m %Y %y %H %I %M %S %f %p and %%";
		}
	}
	if (!year || !month || !day)
		return "a layout needs a year (%Y or %y), a month (%m) and a day (%d)";
	if (time && !timestamp)
		return "a date layout has no time of day (that is a timestamp layout)";
	if (hour12 != ampm)
		return "%I (hours 1 to 12) and %p (AM or PM) go together";
	return NULL;
}
