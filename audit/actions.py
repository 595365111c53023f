"""The audit trail's actions: every action a verb records, named once. The stored strings never change
(they are the trail); the labels are what people read on the audit page and in its export."""

from django.db import models


class Action(models.TextChoices):
    """One member per action; its value is the string stored in ``AuditEntry.action``."""

    # accounts
    ACCOUNTS_INVITATION_ACCEPT = "accounts.invitation_accept"
    ACCOUNTS_INVITATION_REVOKE = "accounts.invitation_revoke"
    ACCOUNTS_INVITATION_SEND = "accounts.invitation_send"
    ACCOUNTS_INVITATION_SIGN_UP = "accounts.invitation_sign_up"
    ACCOUNTS_MEMBERSHIP_CHANGE = "accounts.membership_change"
    ACCOUNTS_MEMBERSHIP_CREATE = "accounts.membership_create"
    ACCOUNTS_MEMBERSHIP_REMOVE = "accounts.membership_remove"
    ACCOUNTS_ORGANISATION_CREATE = "accounts.organisation_create"
    ACCOUNTS_ORGANISATION_INVITE = "accounts.organisation_invite"
    ACCOUNTS_ORGANISATION_REINVITE = "accounts.organisation_reinvite"
    ACCOUNTS_PROVIDER_SIGN_UP = "accounts.provider_sign_up"
    ACCOUNTS_SECOND_FACTOR_SET_UP = "accounts.second_factor_set_up"
    ACCOUNTS_SECOND_FACTOR_VERIFIED = "accounts.second_factor_verified"

    # answers
    ANSWERS_NVI_GENERATED = "answers.nvi_generated"
    ANSWERS_PUBLISH = "answers.publish"

    # contracts
    CONTRACTS_COUNTERSIGN = "contracts.countersign"
    CONTRACTS_CREATE = "contracts.create"
    CONTRACTS_END = "contracts.end"
    CONTRACTS_EVALUATION_CLOSE = "contracts.evaluation.close"
    CONTRACTS_EVALUATION_RECORD = "contracts.evaluation.record"
    CONTRACTS_EVALUATION_REMIND = "contracts.evaluation.remind"
    CONTRACTS_EVALUATION_START = "contracts.evaluation.start"
    CONTRACTS_KPI_DIRECTION = "contracts.kpi.direction"
    CONTRACTS_KPI_REPORT = "contracts.kpi.report"
    CONTRACTS_PARTY_ADD = "contracts.party.add"
    CONTRACTS_PARTY_REMOVE = "contracts.party.remove"
    CONTRACTS_SIGN = "contracts.sign"
    CONTRACTS_SPEND_REPORT = "contracts.spend.report"
    CONTRACTS_TEMPLATE_UPDATE = "contracts.template.update"
    CONTRACTS_TERMINATE = "contracts.terminate"
    CONTRACTS_VERSION_MADE = "contracts.version.made"
    CONTRACTS_VERSION_REQUEST = "contracts.version.request"

    # council_report
    COUNCIL_REPORT_CREATE = "council_report.create"

    # decision
    DECISION_CREATE = "decision.create"
    DECISION_UPDATE = "decision.update"

    # dialogue
    DIALOGUE_AGENDA_ADD = "dialogue.agenda.add"
    DIALOGUE_AGENDA_DOCUMENT = "dialogue.agenda.document"
    DIALOGUE_AGREEMENT_COMMENT = "dialogue.agreement.comment"
    DIALOGUE_AGREEMENT_EDIT = "dialogue.agreement.edit"
    DIALOGUE_AGREEMENT_PROPOSE = "dialogue.agreement.propose"
    DIALOGUE_AGREEMENT_STATUS = "dialogue.agreement.status"
    DIALOGUE_AGREEMENT_SET_PDF = "dialogue.agreement_set.pdf"
    DIALOGUE_CLOSE = "dialogue.close"
    DIALOGUE_CONSENT_RECORD = "dialogue.consent.record"
    DIALOGUE_MINUTES_COMMENT = "dialogue.minutes.comment"
    DIALOGUE_MINUTES_FIX = "dialogue.minutes.fix"
    DIALOGUE_MINUTES_PROCESS_COMMENT = "dialogue.minutes.process_comment"
    DIALOGUE_MINUTES_REOPEN = "dialogue.minutes.reopen"
    DIALOGUE_MINUTES_SEND = "dialogue.minutes.send"
    DIALOGUE_MINUTES_START = "dialogue.minutes.start"
    DIALOGUE_MINUTES_WRITE = "dialogue.minutes.write"
    DIALOGUE_PAPER_UPLOAD = "dialogue.paper.upload"
    DIALOGUE_PARTICIPANT_ADMIT = "dialogue.participant.admit"
    DIALOGUE_REUSE = "dialogue.reuse"
    DIALOGUE_ROUND_CREATE = "dialogue.round.create"
    DIALOGUE_RSVP = "dialogue.rsvp"
    DIALOGUE_SESSION_INVITE_GUEST = "dialogue.session.invite_guest"
    DIALOGUE_SESSION_PLAN = "dialogue.session.plan"
    DIALOGUE_SESSION_REMIND = "dialogue.session.remind"
    DIALOGUE_THEME_ADD = "dialogue.theme.add"
    DIALOGUE_THEME_MOVE = "dialogue.theme.move"
    DIALOGUE_THEME_RETIRE = "dialogue.theme.retire"
    DIALOGUE_THEME_UPDATE = "dialogue.theme.update"
    DIALOGUE_THEMES_SEED = "dialogue.themes.seed"

    # document
    DOCUMENT_CREATE = "document.create"
    DOCUMENT_DOWNLOAD = "document.download"
    DOCUMENT_VERSION_PUBLISH = "document.version.publish"
    DOCUMENT_VERSION_UPLOAD = "document.version.upload"

    # lot
    LOT_CREATE = "lot.create"
    LOT_RESUME = "lot.resume"
    LOT_SPLIT = "lot.split"
    LOT_SUSPEND = "lot.suspend"

    # notification
    NOTIFICATION_EMAIL = "notification.email"

    # participant
    PARTICIPANT_REGISTER = "participant.register"

    # phase
    PHASE_ADVANCE = "phase.advance"
    PHASE_SCHEDULE = "phase.schedule"

    # preselection
    PRESELECTION_ADD_CRITERION = "preselection.add_criterion"
    PRESELECTION_CONFIRM = "preselection.confirm"
    PRESELECTION_LETTER = "preselection.letter"
    PRESELECTION_PROPOSE = "preselection.propose"
    PRESELECTION_PUBLISH = "preselection.publish"
    PRESELECTION_REMOVE_CRITERION = "preselection.remove_criterion"
    PRESELECTION_SEND_BACK = "preselection.send_back"
    PRESELECTION_SETTINGS = "preselection.settings"

    # procurement
    PROCUREMENT_CREATE = "procurement.create"
    PROCUREMENT_PUBLISH = "procurement.publish"
    PROCUREMENT_UPDATE = "procurement.update"

    # question
    QUESTION_ANSWER = "question.answer"
    QUESTION_ASK = "question.ask"

    # registration
    REGISTRATION_ADD_MEMBER = "registration.add_member"
    REGISTRATION_ADD_QUESTION = "registration.add_question"
    REGISTRATION_CARE_TYPES = "registration.care_types"
    REGISTRATION_CARRY = "registration.carry"
    REGISTRATION_CHANGE_FORM = "registration.change_form"
    REGISTRATION_CREATE = "registration.create"
    REGISTRATION_DECLARATION = "registration.declaration"
    REGISTRATION_INVITE_MEMBER = "registration.invite_member"
    REGISTRATION_RECEIPT = "registration.receipt"
    REGISTRATION_REINVITE_MEMBER = "registration.reinvite_member"
    REGISTRATION_REMOVE_MEMBER = "registration.remove_member"
    REGISTRATION_REVOKE_INVITATION = "registration.revoke_invitation"
    REGISTRATION_SUBMIT = "registration.submit"
    REGISTRATION_WITHDRAW = "registration.withdraw"

    # tender
    TENDER_ASSESSOR_APPOINT = "tender.assessor.appoint"
    TENDER_AWARD_FINAL = "tender.award.final"
    TENDER_AWARD_LETTER = "tender.award.letter"
    TENDER_AWARD_OBJECTION = "tender.award.objection"
    TENDER_AWARD_PREPARE = "tender.award.prepare"
    TENDER_AWARD_PUBLISH = "tender.award.publish"
    TENDER_AWARD_RESUME = "tender.award.resume"
    TENDER_COMPENSATION = "tender.compensation"
    TENDER_CONFLICT_DECLARE = "tender.conflict.declare"
    TENDER_CONSENSUS = "tender.consensus"
    TENDER_INVITATION_PUBLISH = "tender.invitation.publish"
    TENDER_OPENING_CONFIRM = "tender.opening.confirm"
    TENDER_OPENING_REPORT = "tender.opening.report"
    TENDER_OPENING_START = "tender.opening.start"
    TENDER_READ = "tender.read"
    TENDER_RECEIPT = "tender.receipt"
    TENDER_SCORE = "tender.score"
    TENDER_SCORES_SUBMIT = "tender.scores.submit"
    TENDER_SUBMIT = "tender.submit"
