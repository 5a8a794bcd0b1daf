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
					label: options.title ?? 'Weight',
					data: data.map((d) => +(100 * d.value).toFixed(2)),
					backgroundColor: PALETTE.bar,
					borderRadius: 3,
					barPercentage: 0.7
				},
				...(hasRange
					? [
							{
								label: 'Panel middle half',
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
