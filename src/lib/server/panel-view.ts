/**
 * What the coordinator's Panel tab shows: the seats (with whether this coordinator may issue a
 * reset link), the staff, the invitations, and the reminder the next click would send.
 */
import type { DB } from './db';
import { listInvitations } from './invitations';
import { smtpConfigured } from './mail';
import { listPanelists } from './panelists';
import { coordinatorMayReset } from './password-resets';
import { LifecycleError, planReminder } from './rounds';
import { currentSettings } from './studies';
import { listStudyMembers } from './users';

export function panelView(
	db: DB,
	study: { id: string; title: string; titleZh: string; isDemo: boolean; language: string },
	origin: string
) {
	const settings = currentSettings(db, study.id);
	const members = listStudyMembers(db, study.id);
	let reminder = null;
	try {
		const plan = planReminder(db, {
			studyId: study.id,
			origin,
			intervalHours: settings.reminderIntervalHours
		});
		const { round: _round, studyTitle: _title, studyTitleZh: _titleZh, ...shown } = plan;
		reminder = {
			...shown,
			recipients: plan.recipients.map((r) => ({ pseudonym: r.pseudonym, name: r.name }))
		};
	} catch (e) {
		if (!(e instanceof LifecycleError)) throw e;
	}
	return {
		study: {
			id: study.id,
			title: study.title,
			titleZh: study.titleZh,
			isDemo: study.isDemo,
			language: study.language
		},
		panel: listPanelists(db, study.id).map((p) => ({
			id: p.id,
			pseudonym: p.pseudonym,
			name: p.name,
			email: p.email,
			affiliation: p.affiliation,
			region: p.region,
			expertise: p.expertise,
			state: p.state,
			userId: p.userId,
			canReset: p.userId !== null && coordinatorMayReset(db, study.id, p.userId)
		})),
		staff: members.filter((m) => m.role !== 'expert'),
		invitations: listInvitations(db, study.id),
		smtp: smtpConfigured(),
		reminder,
		reminderIntervalHours: settings.reminderIntervalHours
	};
}
export type PanelView = ReturnType<typeof panelView>;
