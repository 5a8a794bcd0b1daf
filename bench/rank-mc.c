/*
 * The straightforward rank Monte Carlo in C, the reference `npm run bench` measures Concord against:
 * for each weight set, score every city (weighted arithmetic mean, complete data), sort the cities by
 * score with qsort, give standard competition ranks (1, 2, 2, 4), and count them in a per-city rank
 * histogram; then each city's median, 5th and 95th percentile rank (type 7) and band probabilities.
 *
 * Input (binary, little-endian, written by scripts/bench.ts): int32 n, k, draws; n*k doubles (values,
 * row-major); draws*k doubles (weights). Usage: rank-mc FILE REPS. Prints the median milliseconds of
 * REPS runs of the computation (file reading excluded) and a checksum of the figures.
 * Build: cc -O2 -o rank-mc rank-mc.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double *g_scores;

static int by_score_desc(const void *a, const void *b) {
	double x = g_scores[*(const int *)a], y = g_scores[*(const int *)b];
	return (x < y) - (x > y);
}

static double now_ms(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int order_statistic(const unsigned *h, int n, long pos) {
	long seen = 0;
	for (int r = 0; r < n; r++) {
		seen += h[r];
		if (seen > pos) return r + 1;
	}
	return n;
}

static double quantile7(const unsigned *h, int n, long draws, double p) {
	double hh = (draws - 1) * p;
	long lo = (long)hh, hi = lo + 1 < draws ? lo + 1 : draws - 1;
	int a = order_statistic(h, n, lo), b = order_statistic(h, n, hi);
	return a + (hh - lo) * (b - a);
}

static double run(int n, int k, int draws, const double *x, const double *w) {
	double *scores = malloc(sizeof(double) * n);
	int *order = malloc(sizeof(int) * n);
	unsigned *hist = calloc((size_t)n * n, sizeof(unsigned));
	g_scores = scores;
	for (int d = 0; d < draws; d++) {
		const double *wd = w + (size_t)d * k;
		double sum = 0;
		for (int i = 0; i < k; i++) sum += wd[i];
		for (int c = 0; c < n; c++) {
			double s = 0;
			for (int i = 0; i < k; i++) s += wd[i] * x[c * k + i];
			scores[c] = s / sum;
			order[c] = c;
		}
		qsort(order, n, sizeof(int), by_score_desc);
		int r = 1;
		for (int j = 0; j < n; j++) {
			int c = order[j];
			if (j > 0 && scores[c] != scores[order[j - 1]]) r = j + 1;
			hist[(size_t)c * n + r - 1]++;
		}
	}
	int cut0 = n / 10, cut1 = 3 * n / 10, cut2 = 6 * n / 10;
	double checksum = 0;
	for (int c = 0; c < n; c++) {
		const unsigned *h = hist + (size_t)c * n;
		double bands[4] = {0, 0, 0, 0};
		for (int r = 1; r <= n; r++) bands[r <= cut0 ? 0 : r <= cut1 ? 1 : r <= cut2 ? 2 : 3] += h[r - 1];
		checksum += quantile7(h, n, draws, 0.5) + quantile7(h, n, draws, 0.05) + quantile7(h, n, draws, 0.95);
		for (int b = 0; b < 4; b++) checksum += (b + 1) * bands[b] / draws;
	}
	free(scores);
	free(order);
	free(hist);
	return checksum;
}

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: rank-mc FILE REPS\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	int head[3];
	if (fread(head, sizeof(int), 3, f) != 3) return 2;
	int n = head[0], k = head[1], draws = head[2], reps = atoi(argv[2]);
	double *x = malloc(sizeof(double) * n * k);
	double *w = malloc(sizeof(double) * (size_t)draws * k);
	if (fread(x, sizeof(double), (size_t)n * k, f) != (size_t)n * k) return 2;
	if (fread(w, sizeof(double), (size_t)draws * k, f) != (size_t)draws * k) return 2;
	fclose(f);
	double *times = malloc(sizeof(double) * reps), checksum = 0;
	for (int r = 0; r < reps; r++) {
		double t0 = now_ms();
		checksum = run(n, k, draws, x, w);
		times[r] = now_ms() - t0;
	}
	qsort(times, reps, sizeof(double), cmp_double);
	printf("%.3f %.6f\n", times[reps / 2], checksum);
	return 0;
}
