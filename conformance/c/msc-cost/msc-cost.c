/*
 * msc-cost: the CPU time libmodsecurity spends on one request, measured in-process (no web
 * server, no network), for several rules files side by side.
 *
 *   msc-cost <host> <body.json> <requests> <rounds> <rules.conf>...
 *
 * Each round runs <requests> transactions per rules file (after a tenth as warm-up): connection,
 * URI, headers, the JSON body, request-body phase, logging. The best round per file is printed
 * as "<microseconds per request> <blocked> <rules file>"; taking the best of interleaved rounds
 * keeps a noisy shared machine from skewing one file against another. COST_TRANSACTION_ID_PREFIX,
 * when set, starts every transaction id (default "cost-"): the marker ingress-nginx's
 * modsecurity-transaction-id gives a location's requests.
 */
#include <modsecurity/modsecurity.h>
#include <modsecurity/rules_set.h>
#include <modsecurity/transaction.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static const char *host;
static unsigned char *body;
static long body_len;
static char body_len_text[32];
static const char *id_prefix = "cost-";

static int one(ModSecurity *ms, RulesSet *rules, int i) {
  char id[256];
  snprintf(id, sizeof id, "%s%d", id_prefix, i);
  Transaction *t = msc_new_transaction_with_id(ms, rules, id, NULL);
  msc_process_connection(t, "127.0.0.1", 40000, "127.0.0.1", 80);
  msc_process_uri(t, "/v1/chat/completions", "POST", "1.1");
  msc_add_request_header(t, (const unsigned char *)"Host", (const unsigned char *)host);
  msc_add_request_header(t, (const unsigned char *)"Content-Type", (const unsigned char *)"application/json");
  msc_add_request_header(t, (const unsigned char *)"Content-Length", (const unsigned char *)body_len_text);
  msc_add_request_header(t, (const unsigned char *)"User-Agent", (const unsigned char *)"msc-cost");
  msc_process_request_headers(t);
  msc_append_request_body(t, body, body_len);
  msc_process_request_body(t);
  ModSecurityIntervention it;
  memset(&it, 0, sizeof it);
  it.status = 200;
  int blocked = msc_intervention(t, &it) && it.status >= 400;
  free(it.url);
  free(it.log);
  msc_process_logging(t);
  msc_transaction_cleanup(t);
  return blocked;
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: msc-cost <host> <body.json> <requests> <rounds> <rules.conf>...\n");
    return 2;
  }
  host = argv[1];
  const char *prefix = getenv("COST_TRANSACTION_ID_PREFIX");
  if (prefix && *prefix) id_prefix = prefix;
  FILE *f = fopen(argv[2], "rb");
  if (!f) { perror(argv[2]); return 2; }
  fseek(f, 0, SEEK_END);
  body_len = ftell(f);
  fseek(f, 0, SEEK_SET);
  body = malloc(body_len > 0 ? body_len : 1);
  if (fread(body, 1, body_len, f) != (size_t)body_len) { perror(argv[2]); return 2; }
  fclose(f);
  snprintf(body_len_text, sizeof body_len_text, "%ld", body_len);
  int n = atoi(argv[3]), rounds = atoi(argv[4]), files = argc - 5;
  if (n < 1 || rounds < 1) { fprintf(stderr, "msc-cost: requests and rounds must be positive\n"); return 2; }
  ModSecurity *ms = msc_init();
  RulesSet **rules = calloc(files, sizeof *rules);
  double *best = calloc(files, sizeof *best);
  int *blocked = calloc(files, sizeof *blocked);
  for (int k = 0; k < files; k++) {
    const char *err = NULL;
    rules[k] = msc_create_rules_set();
    if (msc_rules_add_file(rules[k], argv[5 + k], &err) < 0) {
      fprintf(stderr, "msc-cost: %s: %s\n", argv[5 + k], err);
      return 1;
    }
    best[k] = 1e30;
  }
  for (int r = 0; r < rounds; r++) {
    for (int k = 0; k < files; k++) {
      for (int i = 0; i < n / 10; i++) one(ms, rules[k], i);
      int b = 0;
      double t0 = now();
      for (int i = 0; i < n; i++) b += one(ms, rules[k], i);
      double us = (now() - t0) / n * 1e6;
      if (us < best[k]) best[k] = us;
      blocked[k] = b;
    }
  }
  for (int k = 0; k < files; k++) printf("%.1f %d %s\n", best[k], blocked[k], argv[5 + k]);
  return 0;
}
