import { m } from '$lib/paraglide/messages';
/**
 * Pure chart.js configuration builders (testable in node): Concord's charts are drawn from these.
 */
export type BarDatum = { label: string; value: number; low?: number; high?: number };

export const PALETTE = {
	bar: '#2f6fc9',
	barMuted: '#9db8e0',
	band: 'rgba(15, 118, 110, 0.35)',
	grid: '#e6e9ef',
	text: '#4a5568'
} as const;

/** A horizontal bar chart of weights in percent, with an optional range (e.g. the panel's IQR). */
export function weightBarsConfig(data: readonly BarDatum[], options: { title?: string } = {}) {
	const hasRange = data.some((d) => d.low !== undefined && d.high !== undefined);
	return {
		type: 'bar' as const,
		data: {
			labels: data.map((d) => d.label),
			datasets: [
				{
					label: options.title ?? m.chart_weight(),
					data: data.map((d) => +(100 * d.value).toFixed(2)),
					backgroundColor: PALETTE.bar,
					borderRadius: 3,
					barPercentage: 0.7
				},
				...(hasRange
					? [
							{
								label: m.chart_middle_half(),
								data: data.map((d) => [
									+(100 * (d.low ?? 0)).toFixed(2),
									+(100 * (d.high ?? 0)).toFixed(2)
								]),
								backgroundColor: PALETTE.band,
								borderRadius: 3,
								barPercentage: 0.35
							}
						]
					: [])
			]
		},
		options: {
			indexAxis: 'y' as const,
			responsive: true,
			maintainAspectRatio: false,
			animation: { duration: 200 },
			plugins: { legend: { display: hasRange }, tooltip: { callbacks: {} } },
			scales: {
				x: {
					beginAtZero: true,
					suggestedMax: Math.min(
						100,
						Math.ceil((100 * Math.max(...data.map((d) => d.high ?? d.value), 0.01)) / 10) * 10
					),
					ticks: { callback: (v: number | string) => `${v} %` },
					grid: { color: PALETTE.grid }
				},
				y: { grid: { display: false }, ticks: { color: PALETTE.text } }
			}
		}
	};
}

/**
 * Group global weights as bars with every included expert's weight as a dot over it (a strip plot):
 * the spread of the panel at a glance.
 */
export function weightsWithSpreadConfig(
	labels: readonly string[],
	group: readonly number[],
	experts: readonly (readonly number[])[]
) {
	const dots = experts.flatMap((w) =>
		w.map((v, i) => ({ x: labels[i], y: +(100 * v).toFixed(2) }))
	);
	return {
		type: 'bar' as const,
		data: {
			labels: [...labels],
			datasets: [
				{
					type: 'bar' as const,
					label: m.chart_group_weight(),
					data: group.map((v) => +(100 * v).toFixed(2)),
					backgroundColor: PALETTE.barMuted,
					borderColor: PALETTE.bar,
					borderWidth: 1,
					order: 2
				},
				{
					type: 'scatter' as const,
					label: m.chart_each_expert(),
					data: dots,
					backgroundColor: 'rgba(15, 118, 110, 0.55)',
					pointRadius: 2.5,
					order: 1
				}
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			plugins: { legend: { display: true } },
			scales: {
				x: { type: 'category' as const, grid: { display: false } },
				y: {
					beginAtZero: true,
					title: { display: true, text: m.chart_weight_pct() },
					grid: { color: PALETTE.grid }
				}
			}
		}
	};
}

export const LINE_COLOURS = [
	'#1f4e8c',
	'#0f766e',
	'#b45309',
	'#7c3aed',
	'#be123c',
	'#0369a1',
	'#4d7c0f',
	'#a16207',
	'#475569',
	'#c2410c',
	'#047857',
	'#6d28d9',
	'#9f1239',
	'#1d4ed8',
	'#15803d',
	'#92400e'
];

/** Each indicator's group weight across rounds. */
export function weightsOverRoundsConfig(
	labels: readonly string[],
	rounds: readonly { number: number; weights: readonly number[] }[]
) {
	return {
		type: 'line' as const,
		data: {
			labels: rounds.map((r) => m.round_n({ number: r.number })),
			datasets: labels.map((l, i) => ({
				label: l,
				data: rounds.map((r) => +(100 * r.weights[i]).toFixed(2)),
				borderColor: LINE_COLOURS[i % LINE_COLOURS.length],
				backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length],
				tension: 0,
				pointRadius: 3
			}))
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			plugins: { legend: { position: 'right' as const, labels: { boxWidth: 10 } } },
			scales: { y: { beginAtZero: true, title: { display: true, text: m.chart_weight_pct() } } }
		}
	};
}
