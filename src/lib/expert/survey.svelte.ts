/**
 * The state of one expert's questionnaire page: the answers as they stand now (the server's state
 * plus every change made on the page), the part shown, the autosave queue, and each part's live
 * status computed by the same pure rule the server applies on submission ($lib/survey). The page and
 * its components read from one instance; nothing here talks to the server except through Autosave.
 */
import type { ExpertRoundView } from '$lib/server/responses';
import { nodeHints, nodeStatus, pairKey, type SurveyNode } from '$lib/survey/index';
import { clockTime, type Lang } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { Autosave } from './autosave.svelte';

export type SurveyData = ExpertRoundView & { current: string; saved: boolean };
export type NodeView = SurveyNode & ExpertRoundView['nodes'][number];
type Named = { nameEn: string; nameZh: string };

/** The live status of one part, as the side panel and the part list show it. */
export type LiveStatus =
	| { answered: number; ready: false }
	| {
			answered: number;
			ready: true;
			weights: number[];
			cr: number;
			acceptable: boolean;
			completed: ReturnType<typeof nodeStatus>['completed'];
			hints: ReturnType<typeof nodeHints>;
	  };

export class SurveyState {
	answers = $state<Record<string, number | null>>({});
	comments = $state<Record<string, string>>({});
	pairComments = $state<Record<string, string>>({});
	current = $state('');
	/** Whether the page runs with JavaScript (set on mount); without it, forms post and reload. */
	js = $state(false);
	saver = $state.raw<Autosave>(new Autosave('', 0));
	#round = '';
	readonly lang: Lang = getLocale();
	readonly zh = this.lang === 'zh';

	constructor(private data: () => SurveyData) {
		this.sync();
	}

	/** Takes the server's state once, and again when the page is reused for another round. */
	sync(): void {
		const d = this.data();
		if (d.round.id === this.#round) return;
		this.answers = { ...d.answers };
		this.comments = { ...d.comments };
		this.pairComments = { ...d.pairComments };
		this.current = d.current;
		this.#round = d.round.id;
		this.saver = new Autosave(`/expert/rounds/${d.round.id}/draft`, d.response?.revision ?? 0);
	}

	get d(): SurveyData {
		return this.data();
	}

	readOnly = $derived.by(() => {
		const d = this.data();
		return d.round.state !== 'open' || d.round.deadlinePassed || d.response?.state === 'submitted';
	});
	node = $derived.by(() => {
		const nodes = this.data().nodes;
		return nodes.find((n) => n.key === this.current) ?? nodes[0];
	});
	nodeIndex = $derived.by(() => this.data().nodes.findIndex((n) => n.key === this.node.key));
	nextNode = $derived.by(() => this.data().nodes[this.nodeIndex + 1] ?? null);
	live = $derived(this.analyse(this.node));
	statuses = $derived.by(() => this.data().nodes.map((n) => ({ n, s: this.analyse(n) })));
	allAnswered = $derived(this.statuses.every(({ n, s }) => s.answered === n.pairs.length));
	unfinished = $derived(
		this.statuses.filter(({ n, s }) => s.answered < n.pairs.length).map(({ n }) => n)
	);
	highCr = $derived(this.statuses.filter(({ s }) => s.ready && !s.acceptable).map(({ n }) => n));
	feedbackNode = $derived.by(() => this.data().feedback?.nodes[this.node.key] ?? null);

	name = (x: Named): string => (this.zh && x.nameZh ? x.nameZh : x.nameEn);
	describe = (x: { descriptionEn: string; descriptionZh: string }): string =>
		this.zh && x.descriptionZh ? x.descriptionZh : x.descriptionEn;
	nodeTitle = (n: NodeView): string => (n.key === 'goal' ? m.node_goal_title() : this.name(n));
	/** An item as the weight bars label it: pillars by name, indicators with their code. */
	itemLabel = (it: NodeView['items'][number]): string =>
		this.node.key === 'goal' ? this.name(it) : `${it.code} ${this.name(it)}`;
	/** Part keys (or pair keys) of a refused submission, as names. */
	partNames = (keys: string[]): string =>
		keys
			.map((k) =>
				k.includes('|') ? k : this.nodeTitle(this.data().nodes.find((n) => n.key === k)!)
			)
			.join(', ');

	/** The node's live status, by the same rule the server applies on submission. */
	analyse(n: NodeView): LiveStatus {
		const settings = this.data().settings;
		const s = nodeStatus(n, this.answers, settings);
		if (!s.connected || !s.weights) return { answered: s.answered, ready: false };
		return {
			answered: s.answered,
			ready: true,
			weights: s.weights,
			cr: s.cr ?? 0,
			acceptable: s.acceptable !== false,
			completed: s.completed,
			hints: s.acceptable === false ? nodeHints(n, this.answers, settings) : []
		};
	}

	answerOf(a: string, b: string): number | null | undefined {
		const k = pairKey(this.node.key, a, b);
		return k in this.answers ? this.answers[k] : undefined;
	}

	choose(a: string, b: string, position: number | null): void {
		if (this.readOnly) return;
		this.answers[pairKey(this.node.key, a, b)] = position;
		this.saver.judgment(this.node.key, { a, b, position });
	}

	setComment(body: string): void {
		this.comments[this.node.key] = body;
		this.saver.comment(this.node.key, body);
	}

	setPairComment(a: string, b: string, body: string): void {
		this.pairComments[pairKey(this.node.key, a, b)] = body;
		this.saver.pairComment(this.node.key, a, b, body);
	}

	/** What the save badge says. */
	saveText = $derived.by(() => {
		const s = this.saver.status;
		if (s.kind === 'saving') return m.saving();
		if (s.kind === 'pending') return m.unsaved();
		if (s.kind === 'offline') return m.offline_retrying();
		if (s.kind === 'error') return m.save_failed({ message: s.message ?? '' });
		if (s.kind === 'saved' && s.at) return m.saved_at({ time: clockTime(s.at, this.lang) });
		return '';
	});
}
