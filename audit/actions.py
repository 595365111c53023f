"""The audit trail's actions: every action a verb records, named once. The stored strings never change
(they are the trail); the labels are what people read on the audit page and in its export."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """One member per action; its value is the string stored in ``AuditEntry.action``, its label a short
    past-tense phrase that a person reads on the audit page ("Tender submitted")."""

    # accounts
    ACCOUNTS_INVITATION_ACCEPT = "accounts.invitation_accept", _("Invitation accepted")
    ACCOUNTS_INVITATION_REVOKE = "accounts.invitation_revoke", _("Invitation withdrawn")
    ACCOUNTS_INVITATION_SEND = "accounts.invitation_send", _("Colleague invited")
    ACCOUNTS_INVITATION_SIGN_UP = "accounts.invitation_sign_up", _("Account created from an invitation")
    ACCOUNTS_MEMBERSHIP_CHANGE = "accounts.membership_change", _("Role or signing authority changed")
    ACCOUNTS_MEMBERSHIP_CREATE = "accounts.membership_create", _("Person joined the organisation")
    ACCOUNTS_MEMBERSHIP_REMOVE = "accounts.membership_remove", _("Person removed from the organisation")
    ACCOUNTS_ORGANISATION_CREATE = "accounts.organisation_create", _("Organisation created")
    ACCOUNTS_ORGANISATION_INVITE = "accounts.organisation_invite", _("Organisation invited to the portal")
    ACCOUNTS_ORGANISATION_REINVITE = (
        "accounts.organisation_reinvite",
        _("Organisation invited to the portal again"),
    )
    ACCOUNTS_PROVIDER_SIGN_UP = "accounts.provider_sign_up", _("Provider signed up")
    ACCOUNTS_SECOND_FACTOR_SET_UP = "accounts.second_factor_set_up", _("Authenticator app set up")
    ACCOUNTS_SECOND_FACTOR_VERIFIED = "accounts.second_factor_verified", _("Second login step completed")

    # answers
    ANSWERS_NVI_GENERATED = "answers.nvi_generated", _("Nota van Inlichtingen made")
    ANSWERS_PUBLISH = "answers.publish", _("Round of answers published")

    # contracts
    CONTRACTS_COUNTERSIGN = "contracts.countersign", _("Contract countersigned")
    CONTRACTS_CREATE = "contracts.create", _("Draft contract made")
    CONTRACTS_END = "contracts.end", _("Contract ended")
    CONTRACTS_EVALUATION_CLOSE = "contracts.evaluation.close", _("Evaluation closed")
    CONTRACTS_EVALUATION_RECORD = "contracts.evaluation.record", _("Evaluation outcome recorded")
    CONTRACTS_EVALUATION_REMIND = "contracts.evaluation.remind", _("Officers reminded of an evaluation")
    CONTRACTS_EVALUATION_START = "contracts.evaluation.start", _("Evaluation started")
    CONTRACTS_KPI_DIRECTION = "contracts.kpi.direction", _("Direction of a KPI set")
    CONTRACTS_KPI_REPORT = "contracts.kpi.report", _("KPI values reported")
    CONTRACTS_PARTY_ADD = "contracts.party.add", _("Party added to the contract")
    CONTRACTS_PARTY_REMOVE = "contracts.party.remove", _("Party removed from the contract")
    CONTRACTS_SIGN = "contracts.sign", _("Contract signed by the provider")
    CONTRACTS_SPEND_REPORT = "contracts.spend.report", _("Spend reported")
    CONTRACTS_STATUS_ACTIVE = "contracts.status.active", _("Contract made active")
    CONTRACTS_STATUS_COUNTERSIGNED = "contracts.status.countersigned", _("Contract marked as countersigned")
    CONTRACTS_STATUS_DRAFT = "contracts.status.draft", _("Contract set back to draft")
    CONTRACTS_STATUS_ENDED = "contracts.status.ended", _("Contract marked as ended")
    CONTRACTS_STATUS_READY = "contracts.status.ready", _("Contract made ready for signing")
    CONTRACTS_STATUS_SIGNED_BY_PROVIDER = (
        "contracts.status.signed_by_provider",
        _("Contract marked as signed by the provider"),
    )
    CONTRACTS_STATUS_TERMINATED = "contracts.status.terminated", _("Contract marked as terminated early")
    CONTRACTS_STATUS_UNDER_EVALUATION = (
        "contracts.status.under_evaluation",
        _("Contract put under evaluation"),
    )
    CONTRACTS_TEMPLATE_UPDATE = "contracts.template.update", _("Template of the agreement changed")
    CONTRACTS_TERMINATE = "contracts.terminate", _("Contract terminated early")
    CONTRACTS_VERSION_MADE = "contracts.version.made", _("Contract version made")
    CONTRACTS_VERSION_REQUEST = "contracts.version.request", _("New contract version requested")

    # council_report
    COUNCIL_REPORT_CREATE = "council_report.create", _("Council report made")

    # decision
    DECISION_CREATE = "decision.create", _("Decision moment added")
    DECISION_UPDATE = "decision.update", _("Decision moment changed")

    # dialogue
    DIALOGUE_AGENDA_ADD = "dialogue.agenda.add", _("Agenda item added")
    DIALOGUE_AGENDA_DOCUMENT = "dialogue.agenda.document", _("Document attached to an agenda item")
    DIALOGUE_AGREEMENT_COMMENT = "dialogue.agreement.comment", _("Comment on an agreement given")
    DIALOGUE_AGREEMENT_EDIT = "dialogue.agreement.edit", _("Agreement changed")
    DIALOGUE_AGREEMENT_PROPOSE = "dialogue.agreement.propose", _("Agreement proposed")
    DIALOGUE_AGREEMENT_STATUS = "dialogue.agreement.status", _("Status of an agreement changed")
    DIALOGUE_AGREEMENT_SET_PDF = "dialogue.agreement_set.pdf", _("Agreement set PDF made")
    DIALOGUE_CLOSE = "dialogue.close", _("Dialogue closed")
    DIALOGUE_CONSENT_RECORD = "dialogue.consent.record", _("Consent to reuse recorded")
    DIALOGUE_MINUTES_COMMENT = "dialogue.minutes.comment", _("Comment on the minutes given")
    DIALOGUE_MINUTES_FIX = "dialogue.minutes.fix", _("Minutes fixed")
    DIALOGUE_MINUTES_PROCESS_COMMENT = (
        "dialogue.minutes.process_comment",
        _("Comment on the minutes processed"),
    )
    DIALOGUE_MINUTES_REOPEN = "dialogue.minutes.reopen", _("Minutes reopened")
    DIALOGUE_MINUTES_SEND = "dialogue.minutes.send", _("Minutes sent for comment")
    DIALOGUE_MINUTES_START = "dialogue.minutes.start", _("Minutes started")
    DIALOGUE_MINUTES_WRITE = "dialogue.minutes.write", _("Minutes written")
    DIALOGUE_PAPER_UPLOAD = "dialogue.paper.upload", _("Position paper delivered")
    DIALOGUE_PARTICIPANT_ADMIT = "dialogue.participant.admit", _("Participant admitted to the dialogue")
    DIALOGUE_REUSE = "dialogue.reuse", _("Idea put on the agenda of a plenary session")
    DIALOGUE_ROUND_CREATE = "dialogue.round.create", _("Dialogue round created")
    DIALOGUE_RSVP = "dialogue.rsvp", _("Invitation to a session answered")
    DIALOGUE_SESSION_INVITE_GUEST = "dialogue.session.invite_guest", _("Guest invited to a session")
    DIALOGUE_SESSION_PLAN = "dialogue.session.plan", _("Session planned")
    DIALOGUE_SESSION_REMIND = "dialogue.session.remind", _("Session reminder sent")
    DIALOGUE_THEME_ADD = "dialogue.theme.add", _("Theme added")
    DIALOGUE_THEME_MOVE = "dialogue.theme.move", _("Theme moved")
    DIALOGUE_THEME_RETIRE = "dialogue.theme.retire", _("Theme retired")
    DIALOGUE_THEME_UPDATE = "dialogue.theme.update", _("Theme changed")
    DIALOGUE_THEMES_SEED = "dialogue.themes.seed", _("Themes of the council letter added")

    # document
    DOCUMENT_CREATE = "document.create", _("Document added")
    DOCUMENT_DOWNLOAD = "document.download", _("Document downloaded")
    DOCUMENT_VERSION_PUBLISH = "document.version.publish", _("Document version published")
    DOCUMENT_VERSION_UPLOAD = "document.version.upload", _("Document version uploaded")

    # lot
    LOT_CREATE = "lot.create", _("Lot added")
    LOT_RESUME = "lot.resume", _("Lot resumed")
    LOT_SPLIT = "lot.split", _("Lot split")
    LOT_SUSPEND = "lot.suspend", _("Lot suspended")

    # notification
    NOTIFICATION_EMAIL = "notification.email", _("Notification sent by e-mail")

    # participant
    PARTICIPANT_REGISTER = "participant.register", _("Provider registered for the procurement")

    # phase
    PHASE_ADVANCE = "phase.advance", _("Procurement moved to the next phase")
    PHASE_DEADLINE_REMINDER = "phase.deadline_reminder", _("Reminder of a phase deadline sent")
    PHASE_QUESTIONS_CLOSE = "phase.questions_close", _("Question period closed")
    PHASE_QUESTIONS_REMINDER = "phase.questions_reminder", _("Reminder of the question deadline sent")
    PHASE_SCHEDULE = "phase.schedule", _("Phase scheduled")
    PHASE_WINDOW_CLOSE = "phase.window_close", _("Phase deadline passed and closed")

    # preselection
    PRESELECTION_ADD_CRITERION = "preselection.add_criterion", _("Preselection criterion added")
    PRESELECTION_CONFIRM = "preselection.confirm", _("Preselection decision confirmed")
    PRESELECTION_LETTER = "preselection.letter", _("Decision letter made")
    PRESELECTION_PROPOSE = "preselection.propose", _("Preselection decision proposed")
    PRESELECTION_PUBLISH = "preselection.publish", _("Preselection decisions published")
    PRESELECTION_REMOVE_CRITERION = "preselection.remove_criterion", _("Preselection criterion removed")
    PRESELECTION_SEND_BACK = "preselection.send_back", _("Preselection proposal sent back")
    PRESELECTION_SETTINGS = "preselection.settings", _("Preselection settings changed")

    # procurement
    PROCUREMENT_CREATE = "procurement.create", _("Procurement created")
    PROCUREMENT_PUBLISH = "procurement.publish", _("Procurement published")
    PROCUREMENT_UPDATE = "procurement.update", _("Procurement changed")

    # question
    QUESTION_ANSWER = "question.answer", _("Question answered")
    QUESTION_ASK = "question.ask", _("Question asked")

    # registration
    REGISTRATION_ADD_MEMBER = "registration.add_member", _("Member added to a registration")
    REGISTRATION_ADD_QUESTION = "registration.add_question", _("Suitability question added")
    REGISTRATION_CARE_TYPES = "registration.care_types", _("Care types of a member set")
    REGISTRATION_CARRY = "registration.carry", _("Registrations carried over to the new lots")
    REGISTRATION_CHANGE_FORM = "registration.change_form", _("Form of a registration changed")
    REGISTRATION_CREATE = "registration.create", _("Registration started")
    REGISTRATION_DECLARATION = "registration.declaration", _("Self-declaration saved")
    REGISTRATION_INVITE_MEMBER = "registration.invite_member", _("Organisation invited into a registration")
    REGISTRATION_RECEIPT = "registration.receipt", _("Receipt of a registration made")
    REGISTRATION_REINVITE_MEMBER = (
        "registration.reinvite_member",
        _("Organisation invited into a registration again"),
    )
    REGISTRATION_REMOVE_MEMBER = "registration.remove_member", _("Member removed from a registration")
    REGISTRATION_REVOKE_INVITATION = (
        "registration.revoke_invitation",
        _("Invitation into a registration withdrawn"),
    )
    REGISTRATION_SUBMIT = "registration.submit", _("Registration submitted")
    REGISTRATION_WITHDRAW = "registration.withdraw", _("Registration withdrawn")

    # tender
    TENDER_ASSESSOR_APPOINT = "tender.assessor.appoint", _("Assessor appointed")
    TENDER_AWARD_FINAL = "tender.award.final", _("Award made definitive")
    TENDER_AWARD_LETTER = "tender.award.letter", _("Award letters made")
    TENDER_AWARD_OBJECTION = "tender.award.objection", _("Objection to the award registered")
    TENDER_AWARD_PREPARE = "tender.award.prepare", _("Award prepared")
    TENDER_AWARD_PUBLISH = "tender.award.publish", _("Award published")
    TENDER_AWARD_RESUME = "tender.award.resume", _("Award published again after the objections")
    TENDER_COMPENSATION = "tender.compensation", _("Dialogue cost compensation granted")
    TENDER_CONFLICT_DECLARE = "tender.conflict.declare", _("Conflict of interest declared or ruled out")
    TENDER_CONSENSUS = "tender.consensus", _("Consensus score recorded")
    TENDER_INVITATION_PUBLISH = "tender.invitation.publish", _("Invitation to tender published")
    TENDER_OPENING_CONFIRM = "tender.opening.confirm", _("Vault opening confirmed")
    TENDER_OPENING_REPORT = "tender.opening.report", _("Opening report made")
    TENDER_OPENING_START = "tender.opening.start", _("Vault opening started")
    TENDER_READ = "tender.read", _("Tender read")
    TENDER_RECEIPT = "tender.receipt", _("Receipt of a tender made")
    TENDER_SCORE = "tender.score", _("Tender scored")
    TENDER_SCORES_SUBMIT = "tender.scores.submit", _("Scores submitted")
    TENDER_SUBMIT = "tender.submit", _("Tender submitted")

    @classmethod
    def label_of(cls, value: str) -> str:
        """The label of a stored action string; the string itself for one that is not (or no longer) here."""
        try:
            return str(cls(value).label)
        except ValueError:
            return value
