/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp --list-options [--json]: every ND option the codec knows (IANA
 * "IPv6 Neighbor Discovery Option Formats"), its RFC, its sockgen flag and
 * its fields with their display-filter names, from the codec's option and
 * field tables, so tests and docs read them instead of the C source. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "ndp_fields.h"
#include "ndpg.h"

static const char *const kind_names[] = {
	[NDP_FIELD_UINT] = "uint",
	[NDP_FIELD_INT] = "int",
	[NDP_FIELD_BOOL] = "bool",
	[NDP_FIELD_BIT] = "bit",
	[NDP_FIELD_IPV6] = "ipv6",
	[NDP_FIELD_OCTETS] = "octets",
	[NDP_FIELD_BYTES] = "bytes",
	[NDP_FIELD_TEXT] = "text",
	[NDP_FIELD_ADDRS] = "address list",
	[NDP_FIELD_NAMES] = "name list",
	[NDP_FIELD_VIEW_LEN] = "derived length",
	[NDP_FIELD_TAIL] = "rest of option",
	[NDP_FIELD_SPECIAL] = "derived",
};

static const char *flag_of(uint8_t type)
{
	for (size_t i = 0; i < ndpg_n_optflags; i++)
		if (ndpg_optflags[i].type == type)
			return ndpg_optflags[i].name;
	return NULL;
}

static void list_fields_json(FILE *f, uint8_t type)
{
	size_t n, k = 0;
	const struct ndp_field *fd = ndp_fields_of(type, &n);
	char name[96];

	fputs(", \"fields\": [", f);
	for (size_t i = 0; i < n; i++) {
		if (!fd[i].suffix)
			continue;       /* a command-line sub-field with no field */
		ndp_field_name(type, &fd[i], name, sizeof(name));
		fprintf(f, "%s{\"name\": ", k++ ? ", " : "");
		sg_json_str(f, name);
		fprintf(f, ", \"kind\": \"%s\", \"offset\": ", kind_names[fd[i].kind]);
		if (fd[i].off == NDP_FIELD_OFF_VAR)
			fputs("null", f);
		else
			fprintf(f, "%u", fd[i].off);
		fputs(", \"cli\": ", f);
		sg_json_str(f, fd[i].cli);
		fputc('}', f);
	}
	fputc(']', f);
}

static void list_fields_tsv(FILE *f, uint8_t type)
{
	size_t n, k = 0;
	const struct ndp_field *fd = ndp_fields_of(type, &n);
	char name[96];

	for (size_t i = 0; i < n; i++) {
		if (!fd[i].suffix)
			continue;
		ndp_field_name(type, &fd[i], name, sizeof(name));
		fprintf(f, "%s%s", k++ ? "," : "", name);
	}
}

int ndpg_list_options(FILE *f, bool json)
{
	const struct ndp_opt_desc *d;

	if (json)
		fputs("[\n", f);
	else
		fputs("# type\tname\trfc\tflag\tstem\tfields\n", f);
	for (size_t i = 0; (d = ndp_opt_desc_at(i)); i++) {
		const char *flag = flag_of(d->type);

		if (!json) {
			fprintf(f, "%u\t%s\t%s\t%s%s\t%s\t", d->type, d->name, d->ref,
				flag ? "--" : "", flag ? flag : "", d->stem);
			list_fields_tsv(f, d->type);
			fputc('\n', f);
			continue;
		}
		fprintf(f, "%s{\"type\": %u, \"name\": ", i ? ",\n" : "", d->type);
		sg_json_str(f, d->name);
		fputs(", \"rfc\": ", f);
		sg_json_str(f, d->ref);
		fprintf(f, ", \"flag\": %s%s%s, \"stem\": ", flag ? "\"--" : "",
			flag ? flag : "null", flag ? "\"" : "");
		sg_json_str(f, d->stem);
		list_fields_json(f, d->type);
		fputc('}', f);
	}
	if (json)
		fputs("\n]\n", f);
	return ferror(f) ? -1 : 0;
}
