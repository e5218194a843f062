/* column_sniff.c - a column's type and the format of its values (decimal mark, digit groups, date layout) from a sample. */
#include "query/plan/column_sniff.h"

#include <string.h>

#include "query/values/layout.h"
#include "query/values/value.h"

/* The number formats, most likely first: a value such as "1,234" (a decimal comma, or a thousands
 * comma) reads in the first one that every value of its column fits. */
static const sq_text_format number_formats[] = {
	{.decimal = '.', .thousands = '\0'},
	{.decimal = ',', .thousands = '\0'},
	{.decimal = ',', .thousands = '.'},
	{.decimal = '.', .thousands = ','},
};

/* Dates whose order of day and month the values alone may not tell ("03/04/2024"): day first
 * with '.', as in Germany, month first with '/', as in the US; a value whose first part is past 12
 * makes a '/' column day first. */
static const char *const date_layouts[] = {NULL, "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y"};

static const char *const stamp_layouts[] = {
	"%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %I:%M:%S %p", "%d.%m.%Y %I:%M %p",
	"%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
	"%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p",
};

void sq_sniff_formats_init(sq_sniff_formats *f, const sq_format_options *o, int delimiter)
{
	f->nnumbers = 0;
	if (o->decimal || o->thousands_given) {
		/* one separator given: the other is the one that differs from it, or none */
		char dec = o->decimal, th = o->thousands;
		if (!dec)
			dec = th == '.' ? ',' : '.';
		if (!o->thousands_given)
			th = '\0';
		f->numbers[f->nnumbers++] = (sq_text_format){.decimal = dec, .thousands = th};
	} else {
		for (size_t i = 0; i < sizeof number_formats / sizeof number_formats[0]; i++)
			if (delimiter != ',' || (number_formats[i].decimal != ',' && number_formats[i].thousands != ','))
				f->numbers[f->nnumbers++] = number_formats[i];
	}
	f->ndates = 0;
	if (o->date_layout) {
		f->dates[f->ndates++] = o->date_layout;
		f->dates[f->ndates++] = NULL;
	} else {
		for (size_t i = 0; i < sizeof date_layouts / sizeof date_layouts[0]; i++)
			f->dates[f->ndates++] = date_layouts[i];
	}
	f->nstamps = 0;
	if (o->timestamp_layout)
		f->stamps[f->nstamps++] = o->timestamp_layout;
	f->stamps[f->nstamps++] = NULL;
	if (!o->timestamp_layout)
		for (size_t i = 0; i < sizeof stamp_layouts / sizeof stamp_layouts[0]; i++)
			f->stamps[f->nstamps++] = stamp_layouts[i];
}

static bool is_date(const char *layout, const char *p, size_t n)
{
	int64_t days;
	return layout ? sq_parse_layout(layout, p, n, false, &days) : sq_parse_date(p, n, &days);
}

static bool is_stamp(const char *layout, const char *p, size_t n)
{
	int64_t us;
	return layout ? sq_parse_layout(layout, p, n, true, &us) : sq_parse_timestamp(p, n, &us);
}

void sq_column_sniff_add(sq_column_sniff *c, const sq_sniff_formats *f, const char *p, size_t n)
{
	if (!c->any) {
		*c = (sq_column_sniff){.any = true, .boolean = true, .integer = true, .zoned = true};
		c->numbers = (uint8_t)((1u << f->nnumbers) - 1);
		c->dates = (uint8_t)((1u << f->ndates) - 1);
		c->stamps = (uint16_t)((1u << f->nstamps) - 1);
	}
	bool b;
	int64_t i;
	double d;
	if (c->boolean && !sq_parse_bool(p, n, &b))
		c->boolean = false;
	/* an integer is a number in every format */
	if (!((c->integer || c->numbers) && sq_parse_int64(p, n, &i))) {
		c->integer = false;
		for (size_t k = 0; k < f->nnumbers; k++)
			if ((c->numbers >> k & 1) &&
			    !sq_parse_double_sep(p, n, f->numbers[k].decimal, f->numbers[k].thousands, &d))
				c->numbers &= (uint8_t)~(1u << k);
	}
	for (size_t k = 0; k < f->ndates; k++)
		if ((c->dates >> k & 1) && !is_date(f->dates[k], p, n))
			c->dates &= (uint8_t)~(1u << k);
	if (c->zoned && !sq_parse_timestamptz(p, n, &i))
		c->zoned = false;
	if (c->stamps && memchr(p, ':', n))
		c->timed = true;
	for (size_t k = 0; k < f->nstamps; k++)
		if ((c->stamps >> k & 1) && !is_stamp(f->stamps[k], p, n))
			c->stamps &= (uint16_t)~(1u << k);
}

/* The lowest bit set of a non-zero mask. */
static size_t first_bit(unsigned mask)
{
	return (size_t)__builtin_ctz(mask);
}

int sq_column_sniff_type(const sq_column_sniff *c, const sq_sniff_formats *f, sq_text_format *fmt)
{
	*fmt = SQ_TEXT_DEFAULT;
	if (!c->any)
		return SQ_T_NULL;
	if (c->boolean)
		return SQ_T_BOOLEAN;
	if (c->integer)
		return SQ_T_BIGINT;
	if (c->numbers) {
		const sq_text_format *nf = &f->numbers[first_bit(c->numbers)];
		fmt->decimal = nf->decimal;
		fmt->thousands = nf->thousands;
		return SQ_T_DOUBLE;
	}
	if (c->dates) {
		fmt->layout = f->dates[first_bit(c->dates)];
		return SQ_T_DATE;
	}
	if (c->stamps && c->timed) {
		fmt->layout = f->stamps[first_bit(c->stamps)];
		return SQ_T_TIMESTAMP;
	}
	if (c->zoned)
		return SQ_T_TIMESTAMPTZ;
	return SQ_T_VARCHAR;
}
