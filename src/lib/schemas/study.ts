import { stoppingRuleText } from '../words';
import { z } from 'zod';
import { AGGREGATION_METHODS, NORMALISATION_METHODS } from '../scoring/method';

/**
 * How the ranking is scored (not how experts are asked): changeable at any time, recorded with each
 * locked edition. `classTopBands`: the bands that count as "top" for the city classes (1 = top 10 %).
 */
export const scoringSettingsSchema = z.object({
	normalisation: z.enum(NORMALISATION_METHODS).default('min-max'),
	aggregation: z.enum(AGGREGATION_METHODS).default('arithmetic'),
	classTopBands: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1)
});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

export const RANDOM_INDEX_TABLES = [
	'alonso-lamata-2006',
	'saaty-1980',
	'saaty-2005',
	'donegan-dodd-1991'
] as const;

/** A study's method settings: fixed before round 1 and shown to the experts. */
export const studySettingsSchema = z.object({
	randomIndex: z.enum(RANDOM_INDEX_TABLES).default('alonso-lamata-2006'),
	crThreshold: z.number().min(0.01).max(0.5).default(0.1),
	priorityMethod: z.enum(['eigenvector', 'geometric-mean']).default('eigenvector'),
	/** AIJ: aggregate individual judgements; AIP: aggregate individual priorities. */
	aggregation: z.enum(['aij', 'aip']).default('aij'),
	rationaleAboveThreshold: z.boolean().default(false),
	rationaleOutsideBand: z.boolean().default(false),
	previewForExperts: z.boolean().default(false),
	/** At its deadline a round stops accepting answers; with this on it also closes by itself. */
	closeAtDeadline: z.boolean().default(false),
	/**
	 * Locked (published) weights are shown to experts once no round is open — during a round they
	 * would anchor the answers — unless the coordinator chooses to show them throughout.
	 */
	showLockedWeightsDuringRounds: z.boolean().default(false),
	/** Reminders to non-submitters cannot go out twice within this many hours. */
	reminderIntervalHours: z.number().int().min(1).max(720).default(24),
	/**
	 * k: the fewest answers from which experts are shown a group figure. A pair's group value and band
	 * need k answers to that pair; group weights, their spread and rationales need k submissions.
	 * Below that, one expert could recover another's answers from the group value and their own.
	 */
	minGroupSize: z.number().int().min(3).max(50).default(5),
	stoppingRule: z
		.object({
			minSStar: z.number().min(0).max(1).default(0.75),
			maxStabilityPP: z.number().min(0).max(100).default(1),
			maxRounds: z.number().int().min(1).max(10).default(3)
		})
		.default({ minSStar: 0.75, maxStabilityPP: 1, maxRounds: 3 }),
	scoring: scoringSettingsSchema.default({
		normalisation: 'min-max',
		aggregation: 'arithmetic',
		classTopBands: 1
	})
});

export type StudySettings = z.infer<typeof studySettingsSchema>;

export const DEFAULT_STUDY_SETTINGS: StudySettings = studySettingsSchema.parse({});

/** The rule in English, as recorded with an edition (pages say it with `stoppingRuleText`). */
export const describeStoppingRule = (rule: StudySettings['stoppingRule']): string =>
	stoppingRuleText(rule, 'en');

/**
 * What may change from one round to the next: the feedback and prompts. Everything else (framework,
 * CR method and threshold, scale, aggregation, k, stopping rule) is fixed when round 1 opens.
 */
export const ROUND_OPTION_KEYS = [
	'rationaleAboveThreshold',
	'rationaleOutsideBand',
	'previewForExperts',
	'reminderIntervalHours',
	'showLockedWeightsDuringRounds'
] as const;
export const roundOptionsSchema = studySettingsSchema.pick({
	rationaleAboveThreshold: true,
	rationaleOutsideBand: true,
	previewForExperts: true,
	reminderIntervalHours: true,
	showLockedWeightsDuringRounds: true
});
export type RoundOptions = z.infer<typeof roundOptionsSchema>;

/** The settings in force in a round: the study's, with the options recorded when the round opened. */
export function settingsForRound(
	studySettings: unknown,
	round: { options: unknown } | null | undefined
): StudySettings {
	const base = studySettingsSchema.parse(studySettings);
	if (!round?.options) return base;
	return { ...base, ...roundOptionsSchema.parse(round.options) };
}
