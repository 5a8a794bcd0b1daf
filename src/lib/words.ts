/**
 * Words the staff pages share, in the reader's language: states, consensus labels, the stopping
 * rule and its verdict. One function each, so a state or a verdict reads the same on every page (and
 * the English verdict recorded with an edition is made by the same function, in English).
 */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { BAND_LABELS } from '$lib/scoring/rank';

const STATES: Record<string, () => string> = {
	draft: m.state_draft,
	open: m.state_open,
	closed: m.state_closed,
	submitted: m.staff_state_submitted,
	started: m.staff_state_started,
	'carried over': m.staff_state_carried_over,
	'not started': m.staff_state_not_started,
	invited: m.staff_state_invited,
	active: m.staff_state_active,
	withdrawn: m.staff_state_withdrawn,
	pending: m.staff_state_pending,
	accepted: m.staff_state_accepted,
	expired: m.staff_state_expired,
	revoked: m.staff_state_revoked,
	queued: m.staff_state_queued,
	sent: m.staff_state_sent,
	failed: m.staff_state_failed,
	locked: m.state_locked,
	superseded: m.state_superseded
};

/** A round's, response's, invitation's, mail's or edition's state as a word ("open", "已提交"). */
export const stateWord = (state: string): string => STATES[state]?.() ?? state;

const CONSENSUS: Record<string, () => string> = {
	'very low': m.consensus_very_low,
	low: m.consensus_low,
	moderate: m.consensus_moderate,
	high: m.consensus_high,
	'very high': m.consensus_very_high
};

/** Goepel's consensus category of an S* ("moderate"). */
export const consensusWord = (label: string | null | undefined): string =>
	label ? (CONSENSUS[label]?.() ?? label) : '—';

/** What a study's stopping rule says, e.g. "S* ≥ 0.75 on every node and stability < 1 pp, or after 3 rounds". */
export type StoppingRule = { minSStar: number; maxStabilityPP: number; maxRounds: number };
export const stoppingRuleText = (rule: StoppingRule, locale?: Locale): string =>
	m.stopping_rule_text(
		{ s: rule.minSStar, pp: rule.maxStabilityPP, rounds: rule.maxRounds },
		{ locale }
	);

/** The facts a stopping-rule verdict is made of (server/cockpit.ts `evaluateStoppingRule`). */
export type StoppingFacts = {
	consensusMet: boolean;
	stabilityMet: boolean | null;
	roundCapMet: boolean;
	minSStar: number | null;
	/** Mean absolute change of the global weights from the previous round, in pp. */
	changePP: number | null;
	/** Why stability cannot be measured, when it cannot. */
	unmeasurable: 'first-round' | 'previous-round' | 'this-round' | null;
	roundNumber: number;
};

/** The stability clause in words: "yes (0.42 pp)", or why it cannot be measured. */
export function stabilityText(f: StoppingFacts, locale?: Locale): string {
	const o = { locale };
	if (f.unmeasurable === 'first-round') return m.stability_first_round({}, o);
	if (f.unmeasurable === 'previous-round')
		return m.stability_no_previous({ round: f.roundNumber - 1 }, o);
	if (f.unmeasurable === 'this-round') return m.stability_not_yet({ round: f.roundNumber }, o);
	const pp = (f.changePP ?? 0).toFixed(2);
	return f.stabilityMet ? m.stability_yes({ pp }, o) : m.stability_no({ pp }, o);
}

/** The verdict in words: which clause holds, or what is still missing. */
export function stoppingReason(f: StoppingFacts, rule: StoppingRule, locale?: Locale): string {
	const o = { locale };
	const s = rule.minSStar;
	if (f.consensusMet && f.stabilityMet) return m.stop_reached({ s, pp: rule.maxStabilityPP }, o);
	if (f.roundCapMet) return m.stop_cap({ round: f.roundNumber, rounds: rule.maxRounds }, o);
	if (f.consensusMet)
		return f.stabilityMet === null
			? m.stop_unmeasurable({ s, why: stabilityText(f, locale) }, o)
			: m.stop_moving({ s, pp: (f.changePP ?? 0).toFixed(2), max: rule.maxStabilityPP }, o);
	return f.minSStar === null
		? m.stop_not_yet_none({ s }, o)
		: m.stop_not_yet({ lowest: f.minSStar.toFixed(3), s }, o);
}

const ROLES: Record<string, () => string> = {
	expert: m.staff_role_expert,
	coordinator: m.staff_role_coordinator,
	author: m.staff_role_author
};

/** A role in a study as a word ("coordinator", "协调人"). */
export const roleWord = (role: string): string => ROLES[role]?.() ?? role;

/** A published band's name ("top 10 %", "10–30 %" …) by its index (0 is the top 10 %). */
export const bandWord = (b: number): string => (b === 0 ? m.band_top10() : (BAND_LABELS[b] ?? ''));

/** A message with a singular and a plural form (keys `…_one` and `…_other`), chosen by `n`. */
export const plural = <I extends { n: number }>(
	one: (inputs: I) => string,
	other: (inputs: I) => string,
	inputs: I
): string => (inputs.n === 1 ? one : other)(inputs);

/** The city classes (CAICT-style), the group kinds, the scoring methods and the sensitivity inputs. */
const CLASSES: Record<string, () => string> = {
	leadership: m.class_leadership,
	characteristic: m.class_characteristic,
	potential: m.class_potential
};
export const classWord = (c: string): string => CLASSES[c]?.() ?? c;
const KINDS: Record<string, () => string> = {
	coastal: m.kind_coastal,
	inland: m.kind_inland,
	other: m.kind_other
};
export const kindWord = (k: string): string => KINDS[k]?.() ?? k;
const METHODS: Record<string, () => string> = {
	'min-max': m.norm_minmax,
	'z-score': m.norm_zscore,
	percentile: m.norm_percentile,
	arithmetic: m.agg_arithmetic,
	geometric: m.agg_geometric
};
export const methodWord = (x: string): string => METHODS[x]?.() ?? x;
const INPUTS: Record<string, () => string> = {
	experts: m.staff_sens_experts,
	'pillar-noise': m.staff_sens_pillar_noise,
	normalisation: m.staff_sens_normalisation,
	aggregation: m.staff_sens_aggregation
};
export const sensitivityInputWord = (g: string): string => INPUTS[g]?.() ?? g;
/** What counts as "top" for the classes: 1 → the top 10 %, 2 → the top 30 %, 3 → the top 60 %. */
export const topBandsWord = (n: number): string =>
	m.staff_top_share({ share: ['10', '30', '60'][n - 1] ?? '10' });
