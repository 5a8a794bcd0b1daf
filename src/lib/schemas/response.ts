import { z } from 'zod';

const id = z.string().min(1).max(64);
/** A scale position −8 … 8 (positive favours A), or null for "no opinion". */
export const positionSchema = z.union([z.number().int().min(-8).max(8), z.null()], {
	error: 'A judgement must be a point of the scale (−8 … 8) or "no opinion".'
});

export const judgmentEntrySchema = z.object({
	a: id,
	b: id,
	/** Omitted together with clear: true to withdraw an answer. */
	position: positionSchema.optional(),
	clear: z.boolean().optional()
});

export const draftSchema = z.object({
	node: id,
	judgments: z.array(judgmentEntrySchema).max(200),
	/** The node's rationale (why I weigh it this way); shown anonymously next round. */
	comment: z.string().max(2000, { error: 'Keep the rationale under 2,000 characters.' }).optional(),
	/** Rationales for single pairs (asked for when an answer falls outside the panel's band). */
	pairComments: z
		.array(z.object({ a: id, b: id, body: z.string().max(1000) }))
		.max(100)
		.optional()
});
export type DraftInput = z.infer<typeof draftSchema>;

export const submitSchema = z.object({
	confirmHighCr: z.boolean().default(false)
});
