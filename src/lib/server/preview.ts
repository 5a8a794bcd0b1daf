import { m } from '$lib/paraglide/messages';
/**
 * What the ranking preview needs: the editions and their cities, the study's latest dataset (raw
 * values; normalised in the browser per edition), the weight sources (each round's group weights as
 * aggregated now, equal weights) and, for the Monte Carlo's expert bootstrap, the submitted and
 * included experts' judgements of the chosen round — pseudonymous, never names.
 */
import { and, asc, desc, eq, gt, inArray, like } from 'drizzle-orm';
import { cockpitData } from './cockpit';
import type { Tx } from './db';
import {
	auditLog,
	cities,
	datasets,
	datasetValues,
	editionCities,
	editions,
	rounds,
	studies
} from './db/schema';
import { studySettingsSchema } from '../schemas/study';
import { latestGroupSet } from './city-groups';
import { bundlePanel, bundleSchema } from '../edition/bundle';
import type { BootstrapPanel } from '../scoring/samplers';
import { latestWeightSet } from './editions';
import { bootstrapInput, loadRoundPanel, loadRoundPanelByNumber } from './panel';
import { frameworkRows, publishedWeights } from './studies';

export function latestDataset(tx: Tx, studyId: string) {
	return (
		tx
			.select()
			.from(datasets)
			.where(eq(datasets.studyId, studyId))
			.orderBy(desc(datasets.createdAt), desc(datasets.version))
			.get() ?? null
	);
}

/**
 * When a round's group weights last changed, in words: an open round's move with every submission; a
 * closed round's only through an audited exclusion or weight change of an expert, after the close.
 */
export function groupWeightsAsOf(tx: Tx, studyId: string, roundNumber: number): string {
	const round = tx
		.select()
		.from(rounds)
		.where(and(eq(rounds.studyId, studyId), eq(rounds.number, roundNumber)))
		.get();
	if (!round || round.state !== 'closed' || !round.closedAt) return m.staff_as_of_open();
	const change = tx
		.select({ at: auditLog.at })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.studyId, studyId),
				like(auditLog.action, 'panel.%'),
				gt(auditLog.at, round.closedAt)
			)
		)
		.orderBy(desc(auditLog.at))
		.get();
	const day = (d: Date) => d.toISOString().slice(0, 10);
	return change
		? m.staff_as_of_changed({ closed: day(round.closedAt), changed: day(change.at) })
		: m.staff_as_of_unchanged({ closed: day(round.closedAt) });
}

export function previewData(tx: Tx, studyId: string) {
	const { ps, is } = frameworkRows(tx, studyId);
	const dataset = latestDataset(tx, studyId);
	const eds = tx
		.select()
		.from(editions)
		.where(eq(editions.studyId, studyId))
		.orderBy(asc(editions.title))
		.all();
	const members = eds.length
		? tx
				.select()
				.from(editionCities)
				.where(
					inArray(
						editionCities.editionId,
						eds.map((e) => e.id)
					)
				)
				.all()
		: [];
	const values = dataset
		? tx.select().from(datasetValues).where(eq(datasetValues.datasetId, dataset.id)).all()
		: [];
	const cityIds = [...new Set(values.map((v) => v.cityId))];
	const cityRows = cityIds.length
		? tx.select().from(cities).where(inArray(cities.id, cityIds)).all()
		: [];
	const byCity = new Map<string, (number | null)[]>(cityIds.map((id) => [id, is.map(() => null)]));
	const col = new Map(is.map((ind, k) => [ind.code, k]));
	for (const v of values) {
		const k = col.get(v.indicatorCode);
		if (k !== undefined) byCity.get(v.cityId)![k] = v.value;
	}
	const cockpit = cockpitData(tx, studyId);
	const history = cockpit && 'history' in cockpit && cockpit.history ? cockpit.history : [];
	const locked = publishedWeights(tx, studyId).map((p) => ({
		key: `locked-${p.editionId}`,
		label: m.staff_source_locked({ title: p.title, version: p.version }),
		weights: is.map((i) => p.indicators[i.code] ?? 0)
	}));
	const sources = [
		...locked,
		...history
			.filter((h) => h.analysis.globalWeights)
			.map((h) => ({
				key: `round-${h.number}`,
				label: m.staff_source_round({
					n: h.number,
					asOf: groupWeightsAsOf(tx, studyId, h.number)
				}),
				weights: h.analysis.globalWeights!
			})),
		{ key: 'equal', label: m.staff_source_equal(), weights: is.map(() => 1 / is.length) }
	];
	const study = tx
		.select({ settings: studies.settings })
		.from(studies)
		.where(eq(studies.id, studyId))
		.get();
	const groupSet = latestGroupSet(tx, studyId);
	return {
		/** The study's ranking method (the preview's default; a what-if may change it). */
		scoring: studySettingsSchema.parse(study?.settings ?? {}).scoring,
		groupSet: groupSet ? { version: groupSet.version, contentHash: groupSet.contentHash } : null,
		groups: groupSet?.groups ?? [],
		pillars: ps.map((p) => ({ code: p.code, nameEn: p.nameEn, nameZh: p.nameZh })),
		indicators: is.map((i) => ({
			code: i.code,
			nameEn: i.nameEn,
			nameZh: i.nameZh,
			unit: i.unit,
			direction: i.direction === -1 ? (-1 as const) : (1 as const),
			pillar: ps.find((p) => p.id === i.pillarId)!.code,
			isNational: i.isNational
		})),
		dataset: dataset
			? {
					name: dataset.name,
					version: dataset.version,
					contentHash: dataset.contentHash,
					isSynthetic: dataset.isSynthetic,
					source: dataset.source
				}
			: null,
		editions: eds.map((e) => ({
			id: e.id,
			slug: e.slug,
			title: e.title,
			cityIds: members.filter((m) => m.editionId === e.id).map((m) => m.cityId)
		})),
		cities: cityRows
			.map((c) => ({
				id: c.id,
				name: c.name,
				country: c.country,
				region: c.region,
				values: byCity.get(c.id)!
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		sources
	};
}

/**
 * The preview as the viewer may see it. Coordinators and authors get every weight source and the
 * expert bootstrap's input (each included expert's matrices, pseudonymous). An expert — where the
 * study lets experts see the preview — gets only what an expert may see: no other expert's
 * judgements or weights (so no expert bootstrap: weight noise only), and a round's group weights only
 * once that round has closed with at least k included submissions (an open round's weights move with
 * each submission, which would reveal the newest expert's answers).
 */
export function previewFor(
	tx: Tx,
	study: { id: string },
	viewer: { staff: boolean; minGroupSize: number }
) {
	const data = previewData(tx, study.id);
	const roundSources = data.sources.filter((s) => s.key.startsWith('round-'));
	if (viewer.staff) {
		// Each weight source resamples its own panel: a round's source its round's experts, a locked
		// source the judgements locked in its bundle.
		const bootstraps: Record<string, BootstrapPanel> = {};
		// Each panel's experts by pseudonym, in the panel's order (for leave-one-expert-out).
		const pseudonyms: Record<string, string[]> = {};
		for (const s of roundSources) {
			const panel = loadRoundPanelByNumber(tx, study.id, Number(s.key.slice(6)));
			if (panel && panel.members.length) {
				bootstraps[s.key] = bootstrapInput(panel);
				pseudonyms[s.key] = panel.members.map((x) => x.pseudonym);
			}
		}
		for (const l of publishedWeights(tx, study.id)) {
			const ws = latestWeightSet(tx, l.editionId);
			if (ws) {
				const b = bundleSchema.parse(JSON.parse(ws.bundle));
				bootstraps[`locked-${l.editionId}`] = bundlePanel(b);
				pseudonyms[`locked-${l.editionId}`] = b.experts.map((x) => x.pseudonym);
			}
		}
		return { ...data, bootstraps, pseudonyms, expertView: false };
	}
	const closed = new Map(
		tx
			.select({ number: rounds.number, id: rounds.id })
			.from(rounds)
			.where(and(eq(rounds.studyId, study.id), eq(rounds.state, 'closed')))
			.all()
			.map((r) => [r.number, r.id])
	);
	// A closed round's weights need k included submissions: the panel as panel.ts defines it.
	const included = (roundId: string) => loadRoundPanel(tx, roundId)?.members.length ?? 0;
	const visible = (key: string) => {
		if (!key.startsWith('round-')) return true;
		const id = closed.get(Number(key.slice(6)));
		return id !== undefined && included(id) >= viewer.minGroupSize;
	};
	return {
		...data,
		sources: data.sources.filter((s) => visible(s.key)),
		bootstraps: {} as Record<string, BootstrapPanel>,
		pseudonyms: {} as Record<string, string[]>,
		expertView: true
	};
}
