import { eq } from 'drizzle-orm';
import type { FrameworkInput } from '../schemas/framework';
import { studySettingsSchema, type ScoringSettings, type StudySettings } from '../schemas/study';
import { appendAudit } from './audit';
import type { DB, Tx } from './db';
import { indicators, memberships, pillars, studies, type LOCALES } from './db/schema';
import { m } from '$lib/paraglide/messages';
import { frameworkRows } from './studies';
import { DomainError } from './errors';
import { generateId } from './tokens';
import { missingTranslations } from '../study-text';

export class FrozenError extends DomainError {
	constructor() {
		super(409, 'Round 1 has opened: the framework and the method settings are frozen.');
	}
}

/** The framework as data (for export, import round trips and the setup page). */
export function readFramework(tx: Tx, studyId: string): FrameworkInput {
	const { ps, is } = frameworkRows(tx, studyId);
	return {
		pillars: ps.map((p) => ({
			code: p.code,
			nameEn: p.nameEn,
			nameZh: p.nameZh,
			descriptionEn: p.descriptionEn,
			descriptionZh: p.descriptionZh,
			indicators: is
				.filter((i) => i.pillarId === p.id)
				.map((i) => ({
					code: i.code,
					nameEn: i.nameEn,
					nameZh: i.nameZh,
					descriptionEn: i.descriptionEn,
					descriptionZh: i.descriptionZh,
					unit: i.unit,
					direction: i.direction === -1 ? (-1 as const) : (1 as const),
					rangeMin: i.rangeMin,
					rangeMax: i.rangeMax,
					isNational: i.isNational
				}))
		}))
	};
}

/** The study's texts that lack a Chinese translation (shown before round 1 opens). */
export function untranslatedTexts(tx: Tx, studyId: string) {
	const s = tx.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!s) return [];
	return missingTranslations({ ...s, pillars: readFramework(tx, studyId).pillars });
}

function assertEditable(tx: Tx, studyId: string) {
	const s = tx.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!s) throw new Error(`no study ${studyId}`);
	if (s.frozenAt) throw new FrozenError();
	return s;
}

/** Replaces the whole framework (an import, or the setup page's save) — only before round 1. */
export function replaceFramework(
	db: DB,
	studyId: string,
	fw: FrameworkInput,
	actorId: string,
	source: string,
	now = Date.now()
) {
	db.transaction((tx) => {
		assertEditable(tx, studyId);
		const before = readFramework(tx, studyId);
		tx.delete(indicators).where(eq(indicators.studyId, studyId)).run();
		tx.delete(pillars).where(eq(pillars.studyId, studyId)).run();
		writeFramework(tx, studyId, fw);
		appendAudit(
			tx,
			{
				actorId,
				action: 'framework.replace',
				studyId,
				targetType: 'study',
				targetId: studyId,
				before,
				after: { ...fw, source }
			},
			now
		);
	});
}

export function writeFramework(tx: Tx, studyId: string, fw: FrameworkInput) {
	fw.pillars.forEach((p, pi) => {
		const pillarId = generateId();
		tx.insert(pillars)
			.values({
				id: pillarId,
				studyId,
				code: p.code,
				nameEn: p.nameEn,
				nameZh: p.nameZh,
				descriptionEn: p.descriptionEn,
				descriptionZh: p.descriptionZh,
				position: pi
			})
			.run();
		p.indicators.forEach((i, ii) => {
			tx.insert(indicators)
				.values({
					id: generateId(),
					studyId,
					pillarId,
					code: i.code,
					nameEn: i.nameEn,
					nameZh: i.nameZh,
					descriptionEn: i.descriptionEn,
					descriptionZh: i.descriptionZh,
					unit: i.unit,
					direction: i.direction,
					rangeMin: i.rangeMin,
					rangeMax: i.rangeMax,
					isNational: i.isNational,
					position: pi * 100 + ii
				})
				.run();
		});
	});
}

export function updateSettings(
	db: DB,
	studyId: string,
	settings: StudySettings,
	actorId: string,
	now = Date.now()
) {
	db.transaction((tx) => {
		const s = assertEditable(tx, studyId);
		const before = studySettingsSchema.parse(s.settings);
		// The ranking method has its own form and may change at any time (updateScoring).
		settings = { ...settings, scoring: before.scoring };
		tx.update(studies).set({ settings }).where(eq(studies.id, studyId)).run();
		appendAudit(
			tx,
			{
				actorId,
				action: 'settings.update',
				studyId,
				targetType: 'study',
				targetId: studyId,
				before,
				after: settings
			},
			now
		);
	});
}

/**
 * How the ranking is scored (normalisation, aggregation, the classes' "top"): not part of what experts
 * are asked, so it may change at any time; audited, and recorded with each lock.
 */
export function updateScoring(
	db: DB,
	studyId: string,
	scoring: ScoringSettings,
	actorId: string,
	now = Date.now()
) {
	db.transaction((tx) => {
		const s = tx.select().from(studies).where(eq(studies.id, studyId)).get();
		if (!s) throw new Error('no such study');
		const before = studySettingsSchema.parse(s.settings);
		tx.update(studies)
			.set({ settings: { ...before, scoring } })
			.where(eq(studies.id, studyId))
			.run();
		appendAudit(
			tx,
			{
				actorId,
				action: 'study.scoring',
				studyId,
				targetType: 'study',
				targetId: studyId,
				before: before.scoring,
				after: scoring
			},
			now
		);
	});
}

export type StudyTexts = {
	title: string;
	titleZh: string;
	description: string;
	descriptionZh: string;
	language: (typeof LOCALES)[number];
};

/**
 * The study's own texts in both languages and its first language. They are not part of the method, so
 * they may change after round 1 opens (audited, with what was there before).
 */
export function updateStudyTexts(
	db: DB,
	studyId: string,
	texts: StudyTexts,
	actorId: string,
	now = Date.now()
) {
	db.transaction((tx) => {
		const s = tx.select().from(studies).where(eq(studies.id, studyId)).get();
		if (!s) throw new DomainError(404, m.error_no_study());
		const before: StudyTexts = {
			title: s.title,
			titleZh: s.titleZh,
			description: s.description,
			descriptionZh: s.descriptionZh,
			language: s.language
		};
		tx.update(studies).set(texts).where(eq(studies.id, studyId)).run();
		appendAudit(
			tx,
			{
				actorId,
				action: 'study.texts',
				studyId,
				targetType: 'study',
				targetId: studyId,
				before,
				after: texts
			},
			now
		);
	});
}

/** A new study with its creator as coordinator, starting from a framework (edited or imported later). */
export function createStudy(
	db: DB,
	o: { title: string; description: string; framework: FrameworkInput; creatorId: string },
	now = Date.now()
) {
	return db.transaction((tx) => {
		const id = generateId();
		const slug = `${
			o.title
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '')
				.slice(0, 40) || 'study'
		}-${id.slice(0, 6)}`;
		tx.insert(studies)
			.values({
				id,
				slug,
				title: o.title,
				description: o.description,
				settings: studySettingsSchema.parse({}),
				createdBy: o.creatorId,
				createdAt: new Date(now)
			})
			.run();
		tx.insert(memberships).values({ studyId: id, userId: o.creatorId, role: 'coordinator' }).run();
		writeFramework(tx, id, o.framework);
		appendAudit(
			tx,
			{
				actorId: o.creatorId,
				action: 'study.create',
				studyId: id,
				targetType: 'study',
				targetId: id,
				after: { title: o.title }
			},
			now
		);
		return { id, slug };
	});
}
