/**
 * The setup page's forms, parsed strictly: the method settings (every number a plain decimal, every
 * field bounded) and the study's own texts in both languages.
 */
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { locales } from '../paraglide/runtime';
import { formInt, formNumber } from './form-values';

/** The settings form, parsed strictly: every number a plain decimal, every field bounded. */
export const settingsFormSchema = z
	.object({
		randomIndex: z.string().max(40),
		crThreshold: formNumber(m.staff_what_cr_threshold),
		priorityMethod: z.string().max(40),
		aggregation: z.string().max(40),
		rationaleAboveThreshold: z.literal('on').optional(),
		rationaleOutsideBand: z.literal('on').optional(),
		previewForExperts: z.literal('on').optional(),
		closeAtDeadline: z.literal('on').optional(),
		showLockedWeightsDuringRounds: z.literal('on').optional(),
		reminderIntervalHours: formInt(m.staff_what_reminder_hours),
		minGroupSize: formInt(m.staff_what_k),
		minSStar: formNumber(m.staff_what_min_sstar),
		maxStabilityPP: formNumber(m.staff_what_stability),
		maxRounds: formInt(m.staff_what_max_rounds)
	})
	.transform((f) => ({
		randomIndex: f.randomIndex,
		crThreshold: f.crThreshold,
		priorityMethod: f.priorityMethod,
		aggregation: f.aggregation,
		rationaleAboveThreshold: f.rationaleAboveThreshold === 'on',
		rationaleOutsideBand: f.rationaleOutsideBand === 'on',
		previewForExperts: f.previewForExperts === 'on',
		closeAtDeadline: f.closeAtDeadline === 'on',
		showLockedWeightsDuringRounds: f.showLockedWeightsDuringRounds === 'on',
		reminderIntervalHours: f.reminderIntervalHours,
		minGroupSize: f.minGroupSize,
		stoppingRule: {
			minSStar: f.minSStar,
			maxStabilityPP: f.maxStabilityPP,
			maxRounds: f.maxRounds
		}
	}));

/** The study's title and description in English (required) and Chinese, and its first language. */
export const studyTextsSchema = z.object({
	titleEn: z
		.string()
		.trim()
		.min(3, { error: () => m.staff_err_title() })
		.max(200),
	titleZh: z.string().trim().max(200).default(''),
	descriptionEn: z.string().trim().max(2000).default(''),
	descriptionZh: z.string().trim().max(2000).default(''),
	language: z.enum(locales)
});
