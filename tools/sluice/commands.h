/* commands.h - the entry point of each subcommand; argv[0] is the command's name. */
#ifndef SLUICE_TOOLS_COMMANDS_H
#define SLUICE_TOOLS_COMMANDS_H

/* Each returns the process exit status (see diag.h). */
int cli_cmd_count(int argc, char **argv);
int cli_cmd_head(int argc, char **argv);
int cli_cmd_cat(int argc, char **argv);
int cli_cmd_query(int argc, char **argv);
int cli_cmd_select(int argc, char **argv);
int cli_cmd_schema(int argc, char **argv);
int cli_cmd_stats(int argc, char **argv);
int cli_cmd_frequency(int argc, char **argv);
int cli_cmd_sniff(int argc, char **argv);

#endif /* SLUICE_TOOLS_COMMANDS_H */
