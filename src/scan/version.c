/* version.c - the library's own version, for programs to compare with the headers they were built with. */
#include "sluice.h"

const char *sluice_version(void)
{
	return SLUICE_VERSION_STRING;
}

unsigned sluice_version_number(void)
{
	return SLUICE_VERSION_NUMBER;
}
