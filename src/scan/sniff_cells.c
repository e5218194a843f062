/* sniff_cells.c - what a field's text looks like (a number, a date, text), and whether the first
 * record of a sample is a header. */
#include <string.h>
#include <strings.h>

#include "scan/sniff_cells.h"

static bool is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/* Digits from p[*i], at most max; returns how many. */
static size_t digits(const uint8_t *p, size_t n, size_t *i, size_t max)
{
	size_t k = 0;
	while (*i < n && k < max && is_digit(p[*i])) {
		(*i)++;
		k++;
	}
	return k;
}

static bool is_null_word(const uint8_t *p, size_t n)
{
	static const char *const words[] = {"NA", "N/A", "NULL", "\\N", "-", "NAN", "#N/A", "NONE", "NIL"};
	if (n > 4 || (p[0] != 'N' && p[0] != 'n' && p[0] != '\\' && p[0] != '-' && p[0] != '#'))
		return false; /* what every word starts with: most fields are none of them */
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (n == strlen(words[k]) && strncasecmp((const char *)p, words[k], n) == 0)
			return true;
	return false;
}

static bool is_bool_word(const uint8_t *p, size_t n)
{
	static const char *const words[] = {"true", "false", "t", "f", "yes", "no"};
	const uint8_t c = p[0] | 0x20;
	if (n > 5 || (c != 't' && c != 'f' && c != 'y' && c != 'n'))
		return false;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (n == strlen(words[k]) && strncasecmp((const char *)p, words[k], n) == 0)
			return true;
	return false;
}

/* A number: sign, digits (maybe grouped by threes with one separator), then a decimal part with
 * the other separator, then an exponent. SN_INT, SN_DEC or SN_TEXT. */
static int number_class(const uint8_t *p, size_t n)
{
	size_t i = 0;
	if (i < n && (p[i] == '+' || p[i] == '-'))
		i++;
	size_t lead = digits(p, n, &i, 64);
	uint8_t group = 0; /* the thousands separator, once seen */
	if (lead >= 1 && lead <= 3) {
		while (i + 3 < n + 0 && (p[i] == '.' || p[i] == ',' || p[i] == ' ' || p[i] == '\'') &&
		       (!group || p[i] == group) && is_digit(p[i + 1]) && is_digit(p[i + 2]) && is_digit(p[i + 3]) &&
		       (i + 4 == n || !is_digit(p[i + 4]))) {
			group = p[i];
			i += 4;
		}
	}
	bool dec = false;
	if (i < n && (p[i] == '.' || p[i] == ',') && p[i] != group) {
		i++;
		size_t frac = digits(p, n, &i, 64);
		if (frac == 0 && lead == 0)
			return SN_TEXT;
		dec = true;
	} else if (lead == 0) {
		return SN_TEXT;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		if (!digits(p, n, &i, 4))
			return SN_TEXT;
		dec = true;
	}
	if (i != n)
		return SN_TEXT;
	/* "1.234" alone is a decimal to the eye; as a thousands group it is INT only with two groups
	 * or a decimal part, which the loop above leaves to the '.'/',' test */
	return dec ? SN_DEC : SN_INT;
}

/* hh:mm[:ss[.f]] [AM|PM], from p[*i]. */
static bool time_part(const uint8_t *p, size_t n, size_t *i)
{
	size_t h = digits(p, n, i, 2);
	if (!h || *i >= n || p[*i] != ':')
		return false;
	(*i)++;
	if (digits(p, n, i, 2) != 2)
		return false;
	if (*i < n && p[*i] == ':') {
		(*i)++;
		if (digits(p, n, i, 2) != 2)
			return false;
		if (*i < n && (p[*i] == '.' || p[*i] == ',')) {
			(*i)++;
			if (!digits(p, n, i, 9))
				return false;
		}
	}
	size_t j = *i;
	if (j < n && p[j] == ' ')
		j++;
	if (j + 1 < n + 0 && (p[j] == 'A' || p[j] == 'P' || p[j] == 'a' || p[j] == 'p') && (p[j + 1] == 'M' || p[j + 1] == 'm'))
		*i = j + 2;
	return true;
}

/* A time zone: Z, or +hh, +hhmm, +hh:mm (or -), maybe after a space, or a UTC/GMT word. */
static void zone_part(const uint8_t *p, size_t n, size_t *i)
{
	size_t j = *i;
	if (j < n && p[j] == ' ')
		j++;
	if (j < n && (p[j] == 'Z' || p[j] == 'z')) {
		*i = j + 1;
		return;
	}
	if (j + 3 <= n && (strncasecmp((const char *)p + j, "UTC", 3) == 0 || strncasecmp((const char *)p + j, "GMT", 3) == 0)) {
		*i = j + 3;
		return;
	}
	if (j < n && (p[j] == '+' || p[j] == '-')) {
		size_t k = j + 1;
		if (digits(p, n, &k, 2) != 2)
			return;
		if (k < n && p[k] == ':')
			k++;
		digits(p, n, &k, 2);
		*i = k;
	}
}

/* d{1,4} sep d{1,2} sep d{2,4}, one separator of - . /, a 4-digit year first or last. */
static bool date_part(const uint8_t *p, size_t n, size_t *i)
{
	size_t a = digits(p, n, i, 4);
	if (!a || *i >= n || (p[*i] != '-' && p[*i] != '.' && p[*i] != '/'))
		return false;
	const uint8_t sep = p[(*i)++];
	size_t b = digits(p, n, i, 2);
	if (!b || *i >= n || p[*i] != sep)
		return false;
	(*i)++;
	size_t c = digits(p, n, i, 4);
	if (a == 4)
		return c >= 1 && c <= 2;
	return a <= 2 && (c == 4 || c == 2);
}

/* One word: letters, digits, bytes of UTF-8 sequences and - _ . only, with a letter. */
static bool is_word(const uint8_t *p, size_t n)
{
	bool letter = false;
	for (size_t i = 0; i < n; i++) {
		const uint8_t b = p[i];
		const bool alpha = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80;
		if (!alpha && !(b >= '0' && b <= '9') && b != '-' && b != '_' && b != '.')
			return false;
		letter |= alpha;
	}
	return letter;
}

int sn_class_of(const uint8_t *p, size_t n)
{
	if (n == 0)
		return SN_EMPTY;
	if (n > 48)
		return SN_TEXT;
	if (is_null_word(p, n))
		return SN_NULL;
	if (is_bool_word(p, n))
		return SN_BOOL;
	int num = number_class(p, n);
	if (num != SN_TEXT)
		return num;
	size_t i = 0;
	if (date_part(p, n, &i)) {
		if (i == n)
			return SN_DATE;
		if ((p[i] == ' ' || p[i] == 'T') && (i++, time_part(p, n, &i))) {
			zone_part(p, n, &i);
			if (i == n)
				return SN_TS;
		}
		return SN_TEXT;
	}
	i = 0;
	if (time_part(p, n, &i) && i == n)
		return SN_TIME;
	return is_word(p, n) ? SN_WORD : SN_TEXT;
}

int sn_class_merge(int col, int cell)
{
	if (cell == SN_WORD)
		cell = SN_TEXT;
	if (cell == SN_EMPTY || cell == SN_NULL || cell == SN_NONE)
		return col;
	if (col == SN_NONE || col == cell)
		return cell;
	if ((col == SN_INT && cell == SN_DEC) || (col == SN_DEC && cell == SN_INT))
		return SN_DEC;
	if ((col == SN_DATE && cell == SN_TS) || (col == SN_TS && cell == SN_DATE))
		return SN_TS;
	return SN_TEXT;
}

/* The first record's numbers read as years: at least two, each 1800..2200 and one more than the
 * number before it (a table of figures per year: `region,2021,2022,2023`). An SN_INT cell's hash
 * is its value (sn_table). */
static bool year_run(const sn_table *t, size_t first, uint32_t width)
{
	size_t years = 0;
	uint32_t last = 0;
	for (uint32_t j = 0; j < width; j++) {
		if (t->cls[first][j] != SN_INT)
			continue;
		const uint32_t v = t->hash[first][j];
		if (v < 1800 || v > 2200 || (years && v != last + 1))
			return false;
		last = v;
		years++;
	}
	return years >= 2;
}

bool sn_is_header(const sn_table *t, size_t first, uint32_t width)
{
	if (width > SN_COLS)
		width = SN_COLS;
	if (first >= t->n)
		return false;
	int col[SN_COLS], typed_col[SN_COLS]; /* the merged shape of all values; of those not text */
	uint32_t texts[SN_COLS], values[SN_COLS];
	bool decimals_only[SN_COLS]; /* every value of the column has a decimal part */
	for (uint32_t j = 0; j < width; j++) {
		col[j] = typed_col[j] = SN_NONE;
		texts[j] = values[j] = 0;
		decimals_only[j] = true;
	}
	size_t data = 0;
	for (size_t r = first + 1; r < t->n; r++) {
		if (t->nfields[r] != width)
			continue;
		data++;
		for (uint32_t j = 0; j < width; j++) {
			const int c = t->cls[r][j];
			col[j] = sn_class_merge(col[j], c);
			if (c == SN_INT)
				decimals_only[j] = false;
			values[j] += c != SN_EMPTY && c != SN_NULL;
			if (sn_class_text(c))
				texts[j]++;
			else
				typed_col[j] = sn_class_merge(typed_col[j], c);
		}
	}
	/* a column of numbers with a stray text (a second header, where files were joined) is numbers */
	for (uint32_t j = 0; j < width; j++)
		if (col[j] == SN_TEXT && texts[j] * 10 <= values[j] && sn_class_typed(typed_col[j]))
			col[j] = typed_col[j];
	const uint8_t *head = t->cls[first];
	if (data == 0) /* one record: names when every value is text */
		goto all_text;
	bool typed = false;
	for (uint32_t j = 0; j < width; j++) {
		if (!sn_class_typed(col[j]))
			continue;
		typed = true;
		const int h = head[j];
		if (h == SN_EMPTY || h == SN_NULL)
			continue;
		if (sn_class_merge(col[j], h) != col[j] || (h == SN_INT && col[j] == SN_DEC && decimals_only[j]))
			return true;
	}
	if (typed)
		return year_run(t, first, width);
all_text:
	for (uint32_t j = 0; j < width; j++) {
		if (!sn_class_text(head[j]) && head[j] != SN_EMPTY)
			return false;
		for (size_t r = first + 1; r < t->n; r++)
			if (t->nfields[r] == width && t->hash[r][j] == t->hash[first][j] && t->cls[r][j] == head[j] &&
			    sn_class_text(head[j]))
				return false; /* a name does not come again as a value of its column */
	}
	return true;
}
