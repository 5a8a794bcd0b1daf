/**
 * Concord's data model. Conventions:
 * - ids are random text (base32) except for append-only logs, which use integer autoincrement so their
 *   order is the order of events;
 * - timestamps are integer milliseconds since the epoch (`timestamp_ms`);
 * - history, audit and locked weight sets are append-only, enforced by triggers in the migrations.
 */
import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const ROLES = ['expert', 'coordinator', 'author'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['en', 'zh', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

// ── People and access ────────────────────────────────────────────────────────────────────────────

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	locale: text('locale', { enum: LOCALES }).notNull().default('en'),
	/** May create new studies (the first coordinator of an installation, demo coordinator). */
	canCreateStudies: integer('can_create_studies', { mode: 'boolean' }).notNull().default(false),
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** sha256(token), hex: the raw token only ever lives in the visitor's cookie. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const studies = sqliteTable('studies', {
	id: text('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	description: text('description').notNull().default(''),
	/** The title and description in Chinese ('' when not translated: pages then show the English). */
	titleZh: text('title_zh').notNull().default(''),
	descriptionZh: text('description_zh').notNull().default(''),
	/** The study's first language: what a new invitation is written in unless the coordinator picks another. */
	language: text('language', { enum: LOCALES }).notNull().default('en'),
	/** JSON, validated by `studySettingsSchema` (RI table, CR threshold, aggregation, stopping rule…). */
	settings: text('settings', { mode: 'json' }).notNull(),
	/** Set when round 1 opens: from then on the framework and the settings cannot change. */
	frozenAt: integer('frozen_at', { mode: 'timestamp_ms' }),
	isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
	createdBy: text('created_by').references(() => users.id),
	createdAt: createdAt()
});

/** Role memberships per study; one person may hold several roles in the same study. */
export const memberships = sqliteTable(
	'memberships',
	{
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.studyId, t.userId, t.role] }),
		index('memberships_user_idx').on(t.userId)
	]
);

export const INVITATION_STATES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const invitations = sqliteTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		name: text('name').notNull().default(''),
		role: text('role', { enum: ROLES }).notNull(),
		/** For experts: the panel seat this invitation fills. */
		panelistId: text('panelist_id').references(() => panelists.id),
		/** sha256(token), hex. */
		tokenHash: text('token_hash').notNull().unique(),
		state: text('state', { enum: INVITATION_STATES }).notNull().default('pending'),
		/** The language the invitation was written in, and the new account's language. */
		locale: text('locale', { enum: LOCALES }).notNull().default('en'),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		invitedBy: text('invited_by').references(() => users.id),
		acceptedBy: text('accepted_by').references(() => users.id),
		acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('invitations_study_idx').on(t.studyId, t.state)]
);

export const passwordResets = sqliteTable('password_resets', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
	usedAt: integer('used_at', { mode: 'timestamp_ms' }),
	createdBy: text('created_by').references(() => users.id),
	createdAt: createdAt()
});

/** Failed sign-in counters, per account and per client address (`key` = 'email:…' or 'ip:…'). */
export const rateLimits = sqliteTable('rate_limits', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
	blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' })
});

export const OUTBOX_STATES = ['queued', 'sent', 'failed'] as const;
export const outbox = sqliteTable(
	'outbox',
	{
		id: text('id').primaryKey(),
		toEmail: text('to_email').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		/** invitation | reset | reminder */
		kind: text('kind').notNull(),
		/** The invitation, reset or round the message belongs to. */
		relatedId: text('related_id'),
		/** The link in the message, shown to coordinators for copying while no SMTP is configured. */
		link: text('link'),
		state: text('state', { enum: OUTBOX_STATES }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('outbox_state_idx').on(t.state), index('outbox_related_idx').on(t.relatedId)]
);

// ── The framework: goal → pillars → indicators ───────────────────────────────────────────────────

export const pillars = sqliteTable(
	'pillars',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		nameEn: text('name_en').notNull(),
		nameZh: text('name_zh').notNull().default(''),
		descriptionEn: text('description_en').notNull().default(''),
		descriptionZh: text('description_zh').notNull().default(''),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('pillars_code_uq').on(t.studyId, t.code)]
);

export const indicators = sqliteTable(
	'indicators',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		pillarId: text('pillar_id')
			.notNull()
			.references(() => pillars.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		nameEn: text('name_en').notNull(),
		nameZh: text('name_zh').notNull().default(''),
		descriptionEn: text('description_en').notNull().default(''),
		descriptionZh: text('description_zh').notNull().default(''),
		unit: text('unit').notNull().default(''),
		/** 1: higher is better; -1: lower is better. */
		direction: integer('direction').notNull(),
		rangeMin: real('range_min'),
		rangeMax: real('range_max'),
		/** National measures give every city of a country the same value (a caveat the preview states). */
		isNational: integer('is_national', { mode: 'boolean' }).notNull().default(false),
		position: integer('position').notNull()
	},
	(t) => [
		uniqueIndex('indicators_code_uq').on(t.studyId, t.code),
		index('indicators_pillar_idx').on(t.pillarId)
	]
);

// ── The panel and its rounds ─────────────────────────────────────────────────────────────────────

export const PANELIST_STATES = ['invited', 'active', 'withdrawn'] as const;
export const panelists = sqliteTable(
	'panelists',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		/** Null until the invitation is accepted. */
		userId: text('user_id').references(() => users.id),
		name: text('name').notNull(),
		email: text('email').notNull(),
		affiliation: text('affiliation').notNull().default(''),
		region: text('region').notNull().default(''),
		expertise: text('expertise').notNull().default(''),
		/** Stable within the study ("Expert C"); the only name other experts ever see. */
		pseudonym: text('pseudonym').notNull(),
		weight: real('weight').notNull().default(1),
		excluded: integer('excluded', { mode: 'boolean' }).notNull().default(false),
		state: text('state', { enum: PANELIST_STATES }).notNull().default('invited'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('panelists_email_uq').on(t.studyId, t.email),
		uniqueIndex('panelists_pseudonym_uq').on(t.studyId, t.pseudonym),
		index('panelists_user_idx').on(t.userId)
	]
);

export const ROUND_STATES = ['draft', 'open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export const rounds = sqliteTable(
	'rounds',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		state: text('state', { enum: ROUND_STATES }).notNull().default('draft'),
		/** The deadline shown to experts. */
		closesAt: integer('closes_at', { mode: 'timestamp_ms' }),
		openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		/**
		 * JSON, validated by `roundOptionsSchema`: the feedback options chosen when the round opened
		 * (rationale prompts, reminders, preview for experts), recorded with the round. Null: the
		 * study's settings as they stood (rounds opened before options were recorded).
		 */
		options: text('options', { mode: 'json' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('rounds_number_uq').on(t.studyId, t.number)]
);

/**
 * A closed round's panel: the experts who were on it while it was open and could answer (an
 * accepted seat, or a response in the round), recorded when the round closes. Append-only and
 * written only before the close (triggers): a closed round's counts never change afterwards.
 */
export const roundPanel = sqliteTable(
	'round_panel',
	{
		roundId: text('round_id')
			.notNull()
			.references(() => rounds.id),
		panelistId: text('panelist_id')
			.notNull()
			.references(() => panelists.id)
	},
	(t) => [primaryKey({ columns: [t.roundId, t.panelistId] })]
);

export const RESPONSE_STATES = ['draft', 'submitted'] as const;
export const responses = sqliteTable(
	'responses',
	{
		id: text('id').primaryKey(),
		roundId: text('round_id')
			.notNull()
			.references(() => rounds.id, { onDelete: 'cascade' }),
		panelistId: text('panelist_id')
			.notNull()
			.references(() => panelists.id, { onDelete: 'cascade' }),
		state: text('state', { enum: RESPONSE_STATES }).notNull().default('draft'),
		/** Incremented on every save: lets two tabs detect that the other one saved later. */
		revision: integer('revision').notNull().default(0),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('responses_uq').on(t.roundId, t.panelistId)]
);

/**
 * The current value of each judgement of a response. `node` is 'goal' (pillars compared) or a pillar
 * id (its indicators compared); `itemA`/`itemB` are pillar or indicator ids with A before B in the
 * framework's order. `position` is the 17-point scale position −8…8: positive favours A
 * (a_AB = 1 + position), negative favours B (a_AB = 1 / (1 − position)); null = no opinion.
 * Every write here is also appended to `judgmentHistory`.
 */
export const judgments = sqliteTable(
	'judgments',
	{
		responseId: text('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		node: text('node').notNull(),
		itemA: text('item_a').notNull(),
		itemB: text('item_b').notNull(),
		position: integer('position'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.responseId, t.node, t.itemA, t.itemB] })]
);

/** Append-only: every saved judgement, draft or submitted (triggers reject UPDATE and DELETE). */
export const judgmentHistory = sqliteTable(
	'judgment_history',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		responseId: text('response_id').notNull(),
		node: text('node').notNull(),
		itemA: text('item_a').notNull(),
		itemB: text('item_b').notNull(),
		position: integer('position'),
		/** draft | submit | reopen */
		event: text('event').notNull(),
		savedBy: text('saved_by'),
		savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('judgment_history_response_idx').on(t.responseId)]
);

/** Rationales: per node (itemA/itemB null) or per pair; shown anonymously in the next round. */
export const comments = sqliteTable(
	'comments',
	{
		id: text('id').primaryKey(),
		responseId: text('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		node: text('node').notNull(),
		itemA: text('item_a'),
		itemB: text('item_b'),
		body: text('body').notNull(),
		hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
		hiddenBy: text('hidden_by').references(() => users.id),
		hiddenReason: text('hidden_reason'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('comments_response_idx').on(t.responseId)]
);

// ── Cities, datasets and editions ────────────────────────────────────────────────────────────────

export const cities = sqliteTable('cities', {
	/** Stable key: SimpleMaps World Cities id (there are two large Suzhous and two Fuzhous). */
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	nameAscii: text('name_ascii').notNull(),
	country: text('country').notNull(),
	iso2: text('iso2').notNull(),
	adminName: text('admin_name').notNull().default(''),
	/** UN M49 region, e.g. 'Eastern Asia', 'Western Europe'. */
	region: text('region').notNull(),
	lat: real('lat'),
	lng: real('lng'),
	population: integer('population')
});

export const datasets = sqliteTable(
	'datasets',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		version: integer('version').notNull(),
		/** sha256 of the canonical CSV of the values, hex. */
		contentHash: text('content_hash').notNull(),
		isSynthetic: integer('is_synthetic', { mode: 'boolean' }).notNull().default(false),
		source: text('source').notNull().default(''),
		createdBy: text('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('datasets_version_uq').on(t.studyId, t.name, t.version)]
);

export const datasetValues = sqliteTable(
	'dataset_values',
	{
		datasetId: text('dataset_id')
			.notNull()
			.references(() => datasets.id, { onDelete: 'cascade' }),
		cityId: text('city_id')
			.notNull()
			.references(() => cities.id),
		indicatorCode: text('indicator_code').notNull(),
		value: real('value')
	},
	(t) => [primaryKey({ columns: [t.datasetId, t.cityId, t.indicatorCode] })]
);

/**
 * Versions of a study's city groups (the release's clusters): each import or edit is a new version,
 * never changed afterwards (triggers). `content` is the canonical JSON of the groups (code, names,
 * kind, member city ids); `content_hash` its SHA-256. A lock copies the version it used into its bundle.
 */
export const cityGroupSets = sqliteTable(
	'city_group_sets',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => studies.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		content: text('content').notNull(),
		contentHash: text('content_hash').notNull(),
		/** How the version was made: the demo's geographic rule, a CSV import, an edit. */
		source: text('source').notNull().default(''),
		createdBy: text('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('city_group_sets_version_uq').on(t.studyId, t.version)]
);

export const editions = sqliteTable('editions', {
	id: text('id').primaryKey(),
	studyId: text('study_id')
		.notNull()
		.references(() => studies.id, { onDelete: 'cascade' }),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	year: integer('year').notNull(),
	datasetId: text('dataset_id').references(() => datasets.id),
	/** The round whose weights the edition uses. */
	roundId: text('round_id').references(() => rounds.id),
	previousEditionId: text('previous_edition_id').references((): AnySQLiteColumn => editions.id),
	createdBy: text('created_by').references(() => users.id),
	createdAt: createdAt()
});

export const editionCities = sqliteTable(
	'edition_cities',
	{
		editionId: text('edition_id')
			.notNull()
			.references(() => editions.id, { onDelete: 'cascade' }),
		cityId: text('city_id')
			.notNull()
			.references(() => cities.id)
	},
	(t) => [primaryKey({ columns: [t.editionId, t.cityId] })]
);

/**
 * Locked weight sets: immutable once written (triggers reject UPDATE and DELETE). A correction is a
 * new version that names the one it supersedes and why.
 */
export const weightSets = sqliteTable(
	'weight_sets',
	{
		id: text('id').primaryKey(),
		editionId: text('edition_id')
			.notNull()
			.references(() => editions.id),
		version: integer('version').notNull(),
		roundId: text('round_id').references(() => rounds.id),
		/** JSON: { pillars: {code: w}, indicators: {code: w} } */
		weights: text('weights', { mode: 'json' }).notNull(),
		/** JSON: the method settings in force. */
		settings: text('settings', { mode: 'json' }).notNull(),
		datasetHash: text('dataset_hash'),
		engineVersion: text('engine_version').notNull(),
		hash: text('hash').notNull(),
		/** The verification bundle exactly as locked (canonical JSON); its hash is `hash`. */
		bundle: text('bundle').notNull().default('{}'),
		supersedesId: text('supersedes_id').references((): AnySQLiteColumn => weightSets.id),
		reason: text('reason'),
		lockedBy: text('locked_by')
			.notNull()
			.references(() => users.id),
		lockedAt: integer('locked_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('weight_sets_version_uq').on(t.editionId, t.version)]
);

/** Append-only (triggers reject UPDATE and DELETE): every state change, who, when, before/after. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: text('actor_id'),
		/** e.g. 'invitation.create', 'auth.signin_blocked', 'round.open' */
		action: text('action').notNull(),
		studyId: text('study_id'),
		targetType: text('target_type'),
		targetId: text('target_id'),
		before: text('before', { mode: 'json' }),
		after: text('after', { mode: 'json' }),
		ip: text('ip')
	},
	(t) => [index('audit_study_idx').on(t.studyId, t.at), index('audit_action_idx').on(t.action)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Study = typeof studies.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Panelist = typeof panelists.$inferSelect;
export type Round = typeof rounds.$inferSelect;
