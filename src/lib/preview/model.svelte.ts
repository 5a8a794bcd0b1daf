import { m } from '$lib/paraglide/messages';
/**
 * The state of the author's ranking preview: which edition, which weights (a source or the what-if
 * sliders), what to compare with, the city table's search and sort, and the Monte Carlo run in a
 * worker. Every figure is computed by $lib/scoring; this class only holds choices and wires them.
 */
import type { previewFor } from '$lib/server/preview';
import { compareRankings } from '$lib/scoring/index';
import { bandWord } from '$lib/words';
import type { McMessage, McRequest } from '$lib/scoring/mc.worker';
import McWorker from '$lib/scoring/mc.worker?worker';
import {
	editionMatrix,
	effectiveImportance,
	joinWeights,
	scoreEdition,
	splitWeights
} from '$lib/scoring/preview';

export type PreviewData = ReturnType<typeof previewFor> & { studyId: string; studyTitle: string };
export type SortKey = 'rank' | 'name' | 'country' | 'shift' | 'interval';
type McResult = Extract<McMessage, { type: 'done' }>['result'];

const percentSliders = (w: readonly number[]) => w.map((x) => Math.round(100 * x));

export class PreviewModel {
	editionId = $state('');
	sourceKey = $state('');
	baselineKey = $state('equal');
	pillarSliders = $state<number[]>([]);
	localSliders = $state<number[]>([]);

	constructor(
		private data: () => PreviewData,
		q: URLSearchParams
	) {
		const d = data();
		this.editionId = q.get('edition') ?? d.editions[0]?.id ?? '';
		this.sourceKey = q.get('weights') ?? d.sources[0].key;
		this.baselineKey = q.get('baseline') ?? 'equal';
		this.customFrom(d.sources[0].weights);
	}

	get d(): PreviewData {
		return this.data();
	}
	pillarCodes = $derived.by(() => this.data().pillars.map((p) => p.code));
	edition = $derived.by(
		() => this.data().editions.find((e) => e.id === this.editionId) ?? this.data().editions[0]
	);
	source = $derived.by(() => {
		const sources = this.data().sources;
		return (
			sources.find((s) => s.key === this.sourceKey) ??
			(this.sourceKey === 'custom' ? null : sources[0])
		);
	});
	/** Sets the what-if sliders to a weight vector (used when switching to custom weights). */
	customFrom(weights: readonly number[]): void {
		const s = splitWeights(weights, this.data().indicators, this.pillarCodes);
		this.pillarSliders = percentSliders(s.pillarW);
		this.localSliders = percentSliders(s.local);
	}
	weights = $derived.by(() =>
		this.source
			? this.source.weights
			: joinWeights(this.pillarSliders, this.localSliders, this.data().indicators, this.pillarCodes)
	);
	baselineWeights = $derived.by(() => {
		const sources = this.data().sources;
		return (sources.find((s) => s.key === this.baselineKey) ?? sources.at(-1)!).weights;
	});

	cities = $derived.by(() =>
		this.data().cities.filter((c) => this.edition?.cityIds.includes(c.id))
	);
	matrix = $derived.by(() => editionMatrix(this.cities, this.data().indicators));
	result = $derived.by(() => scoreEdition(this.matrix, this.weights));
	baseline = $derived.by(() => scoreEdition(this.matrix, this.baselineWeights));
	comparison = $derived.by(() => compareRankings(this.baseline.ranks, this.result.ranks));
	bandChanges = $derived.by(
		() =>
			this.result.bands.filter(
				(b, i) => b !== null && this.baseline.bands[i] !== null && b !== this.baseline.bands[i]
			).length
	);
	importance = $derived.by(() => effectiveImportance(this.matrix, this.result.scores));

	// The city table: search, country filter, sort, the open city.
	search = $state('');
	country = $state('');
	sortKey = $state<SortKey>('rank');
	sortDir = $state<1 | -1>(1);
	selected = $state<string | null>(null);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway set inside a derivation
	countries = $derived.by(() => [...new Set(this.cities.map((c) => c.country))].sort());
	detail = $derived.by(() =>
		this.selected ? this.cities.findIndex((c) => c.id === this.selected) : -1
	);
	sortBy(k: SortKey): void {
		if (this.sortKey === k) this.sortDir = this.sortDir === 1 ? -1 : 1;
		else {
			this.sortKey = k;
			this.sortDir = 1;
		}
	}
	ariaSort = (k: SortKey) =>
		this.sortKey === k ? (this.sortDir === 1 ? 'ascending' : 'descending') : 'none';

	/** The Monte Carlo result, when it belongs to the edition shown. */
	mcShown = $derived.by(() => (this.mc && this.mc.edition === this.edition?.id ? this.mc : null));

	rows = $derived.by(() => {
		const { result, comparison, mcShown: mc, search, country, sortKey, sortDir } = this;
		const needle = search.toLowerCase();
		return this.cities
			.map((c, i) => ({
				c,
				i,
				rank: result.ranks[i],
				score: result.scores[i],
				band: result.bands[i],
				shift: comparison.shifts[i],
				mc:
					mc && mc.result.median[i] !== null
						? {
								median: mc.result.median[i]!,
								p5: mc.result.p5[i]!,
								p95: mc.result.p95[i]!,
								top: mc.result.bandProbabilities[i]![0]
							}
						: null
			}))
			.filter(
				(r) =>
					(!needle || r.c.name.toLowerCase().includes(needle)) &&
					(!country || r.c.country === country)
			)
			.sort((a, b) => {
				const v = (r: typeof a) =>
					sortKey === 'name'
						? r.c.name
						: sortKey === 'country'
							? r.c.country
							: sortKey === 'shift'
								? -(r.shift ?? -1e9)
								: sortKey === 'interval'
									? r.mc
										? r.mc.p95 - r.mc.p5
										: 1e9
									: (r.rank ?? 1e9);
				const x = v(a);
				const y = v(b);
				return (typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)) * sortDir;
			});
	});

	/** The ten cities that move most between the comparison and the chosen weights. */
	topMovers = $derived.by(
		() =>
			this.cities
				.map((c, i) => ({
					name: c.name,
					from: this.baseline.ranks[i],
					to: this.result.ranks[i],
					shift: this.comparison.shifts[i]
				}))
				.filter((m) => m.shift !== null && m.from !== null && m.to !== null)
				.sort((a, b) => Math.abs(b.shift!) - Math.abs(a.shift!))
				.slice(0, 10) as { name: string; from: number; to: number }[]
	);

	// Monte Carlo, in a worker.
	draws = $state(1000);
	noise = $state(0.1);
	seed = $state(2023);
	useBootstrap = $state(true);
	progress = $state<{ phase: string; done: number; total: number } | null>(null);
	mc = $state<{ edition: string; result: McResult; ms: number; draws: number } | null>(null);
	mcError = $state('');
	#worker: Worker | null = null;

	runMonteCarlo(): void {
		this.#worker?.terminate();
		this.mcError = '';
		const ed = this.edition!.id;
		const draws = Math.min(10_000, Math.max(100, this.draws));
		const worker = new McWorker();
		this.#worker = worker;
		worker.onmessage = (e: MessageEvent<McMessage>) => {
			const msg = e.data;
			if (msg.type === 'progress')
				this.progress = { phase: msg.phase, done: msg.done, total: msg.total };
			else if (msg.type === 'done') {
				this.mc = { edition: ed, result: msg.result, ms: msg.ms, draws: this.draws };
				this.progress = null;
				worker.terminate();
			} else {
				this.mcError = msg.message;
				this.progress = null;
			}
		};
		this.progress = { phase: 'weights', done: 0, total: this.draws };
		const panel = this.source ? this.data().bootstraps[this.source.key] : undefined;
		const req: McRequest = {
			matrix: $state.snapshot(this.matrix) as (number | null)[][],
			nominal: $state.snapshot(this.weights) as number[],
			draws,
			seed: this.seed,
			noise: this.noise,
			// The panel behind the chosen weights, never another round's.
			bootstrap: this.useBootstrap && panel ? (panel as McRequest['bootstrap']) : null
		};
		worker.postMessage(req);
	}

	/** The 25 best-ranked cities with their Monte Carlo interval and band probabilities. */
	topByRank = $derived.by(() => {
		const mc = this.mcShown;
		if (!mc) return [];
		return this.cities
			.map((c, i) => ({
				name: c.name,
				nominal: mc.result.nominal[i],
				p5: mc.result.p5[i],
				p95: mc.result.p95[i],
				p: mc.result.bandProbabilities[i]
			}))
			.filter((r) => r.nominal !== null && r.p5 !== null)
			.map((r) => ({ ...r, nominal: r.nominal!, p5: r.p5!, p95: r.p95!, p: r.p! }))
			.sort((a, b) => a.nominal - b.nominal)
			.slice(0, 25);
	});

	/** The table as shown (filtered and sorted), for the CSV and XLSX downloads. */
	tableForExport() {
		return {
			columns: [
				m.staff_csv_rank(),
				m.staff_csv_city(),
				m.staff_csv_country(),
				m.staff_csv_score(),
				m.staff_csv_band(),
				m.staff_shift_vs_baseline(),
				m.staff_csv_mc_median(),
				'MC p5',
				'MC p95',
				`P(${m.band_top10()})`
			],
			rows: this.rows.map((r) => [
				r.rank,
				r.c.name,
				r.c.country,
				r.score === null ? null : +r.score.toFixed(3),
				r.band === null ? null : bandWord(r.band),
				r.shift,
				r.mc ? r.mc.median : null,
				r.mc ? r.mc.p5 : null,
				r.mc ? r.mc.p95 : null,
				r.mc ? +r.mc.top.toFixed(3) : null
			])
		};
	}
}
