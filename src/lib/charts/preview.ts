/** chart.js configurations of the ranking preview (pure; tested in node). */
import { m } from '$lib/paraglide/messages';
import { LINE_COLOURS, PALETTE } from './bars';

/** Baseline rank → chosen rank for the cities that moved most (a slope chart; rank 1 on top). */
export function slopeConfig(movers: readonly { name: string; from: number; to: number }[]) {
	return {
		type: 'line' as const,
		data: {
			labels: [m.chart_baseline(), m.chart_chosen_weights()],
			datasets: movers.map((x, i) => ({
				label: x.name,
				data: [x.from, x.to],
				borderColor: LINE_COLOURS[i % LINE_COLOURS.length],
				backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length],
				tension: 0,
				pointRadius: 4
			}))
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			plugins: { legend: { position: 'right' as const, labels: { boxWidth: 10 } } },
			scales: {
				y: {
					reverse: true,
					title: { display: true, text: m.chart_rank() },
					ticks: { precision: 0 }
				}
			}
		}
	};
}

/** Monte Carlo rank intervals: a bar from p5 to p95, a dot at the nominal rank. */
export function intervalsConfig(
	rows: readonly { name: string; nominal: number; p5: number; p95: number }[]
) {
	return {
		type: 'bar' as const,
		data: {
			labels: rows.map((r) => r.name),
			datasets: [
				{
					type: 'bar' as const,
					label: m.chart_p5_p95(),
					data: rows.map((r) => [r.p5, r.p95]),
					backgroundColor: PALETTE.barMuted,
					borderRadius: 3,
					barPercentage: 0.6,
					order: 2
				},
				{
					type: 'scatter' as const,
					label: m.chart_nominal_rank(),
					data: rows.map((r) => ({ x: r.nominal, y: r.name })),
					backgroundColor: PALETTE.bar,
					pointRadius: 4,
					order: 1
				}
			]
		},
		options: {
			indexAxis: 'y' as const,
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			scales: {
				x: { title: { display: true, text: m.chart_rank_best() }, min: 1 },
				y: { type: 'category' as const }
			}
		}
	};
}

export const BAND_COLOURS = ['#1f4e8c', '#4f86c6', '#9db8e0', '#d8e2ef'];

/** The probability of each band per city, stacked. */
export function bandProbabilityConfig(
	rows: readonly { name: string; p: readonly number[] }[],
	labels: readonly string[]
) {
	return {
		type: 'bar' as const,
		data: {
			labels: rows.map((r) => r.name),
			datasets: labels.map((l, b) => ({
				label: l,
				data: rows.map((r) => +(100 * r.p[b]).toFixed(1)),
				backgroundColor: BAND_COLOURS[b]
			}))
		},
		options: {
			indexAxis: 'y' as const,
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			scales: {
				x: { stacked: true, max: 100, title: { display: true, text: m.chart_probability() } },
				y: { stacked: true }
			}
		}
	};
}

/** Nominal weight (%) beside effective importance (correlation with the index). */
export function importanceConfig(
	codes: readonly string[],
	weights: readonly number[],
	r: readonly (number | null)[]
) {
	return {
		type: 'bar' as const,
		data: {
			labels: [...codes],
			datasets: [
				{
					label: m.chart_nominal_weight(),
					data: weights.map((w) => +(100 * w).toFixed(2)),
					backgroundColor: PALETTE.bar,
					yAxisID: 'y'
				},
				{
					label: m.chart_correlation(),
					data: r.map((x) => (x === null ? null : +x.toFixed(3))),
					backgroundColor: '#0f766e',
					yAxisID: 'y1'
				}
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			scales: {
				y: {
					beginAtZero: true,
					position: 'left' as const,
					title: { display: true, text: 'weight, %' }
				},
				y1: {
					min: -1,
					max: 1,
					position: 'right' as const,
					grid: { drawOnChartArea: false },
					title: { display: true, text: 'r' }
				}
			}
		}
	};
}

/** Clusters × pillars: each cluster's mean total score and its mean on each pillar's subscale. */
export function clusterPillarsConfig(
	rows: readonly { name: string; mean: number | null; pillarMeans: readonly (number | null)[] }[],
	pillarNames: readonly string[]
) {
	const colours = ['#1f4e8c', '#0f766e', '#b45309', '#7c3aed', '#be123c'];
	const fix = (x: number | null) => (x === null ? null : +x.toFixed(2));
	return {
		type: 'bar' as const,
		data: {
			labels: rows.map((r) => wrapLabel(r.name)),
			datasets: [
				{
					label: m.chart_total_score(),
					data: rows.map((r) => fix(r.mean)),
					backgroundColor: PALETTE.barMuted
				},
				...pillarNames.map((p, k) => ({
					label: p,
					data: rows.map((r) => fix(r.pillarMeans[k])),
					backgroundColor: colours[k % colours.length]
				}))
			]
		},
		options: {
			indexAxis: 'y' as const,
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			plugins: { legend: { position: 'top' as const, labels: { boxWidth: 10 } } },
			scales: {
				x: { beginAtZero: true, title: { display: true, text: m.chart_mean_score() } },
				// Every cluster named (chart.js would skip labels it finds crowded; the page gives each
				// cluster its own band of height).
				y: { ticks: { autoSkip: false } }
			}
		}
	};
}

/**
 * The height (px) the clusters × pillars chart needs: a band per cluster tall enough for its bars
 * and for every line of its wrapped name (~16 px a line), plus the legend and the axis.
 */
export function clusterPillarsHeight(labels: readonly (readonly string[])[]): number {
	return 90 + labels.reduce((sum, lines) => sum + Math.max(56, 16 * lines.length + 24), 0);
}

/** First-order (S_i) and total-order (S_Ti) Sobol indices of each input group. */
export function sobolConfig(
	labels: readonly string[],
	first: readonly number[],
	total: readonly number[]
) {
	return {
		type: 'bar' as const,
		data: {
			labels: [...labels],
			datasets: [
				{
					label: m.chart_sobol_first(),
					data: first.map((x) => +x.toFixed(3)),
					backgroundColor: PALETTE.bar
				},
				{
					label: m.chart_sobol_total(),
					data: total.map((x) => +x.toFixed(3)),
					backgroundColor: '#0f766e'
				}
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			scales: { y: { min: 0, max: 1, title: { display: true, text: m.chart_sobol_axis() } } }
		}
	};
}

/** A long axis label as lines of at most `width` characters (chart.js draws an array as lines). */
export function wrapLabel(text: string, width = 22): string[] {
	const lines: string[] = [];
	let line = '';
	// A word longer than a line (Chinese has no spaces) is cut into pieces of the line's length.
	const words = text.split(/\s+/).flatMap((w) => w.match(new RegExp(`.{1,${width}}`, 'gu')) ?? []);
	for (const word of words) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}
