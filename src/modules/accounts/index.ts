export {
  changePassword,
  getMe,
  logIn,
  registerAccount,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  setPreferredLocale,
  updateProfile,
  verifyEmail,
} from './account.service.ts';
export { actorFromUser } from './actor.ts';
export {
  TOKEN_SCOPES,
  authenticateApiToken,
  createApiTokenFor,
  createMyApiToken,
  listMyApiTokens,
  revokeMyApiToken,
} from './api-token.service.ts';
export {
  hasPermission,
  isAdmin,
  isStaff,
  requireAdmin,
  requirePermission,
  requireUser,
  requireWritable,
} from './permission.policy.ts';
export {
  endOtherSessions,
  endSession,
  listMySessions,
  resolveSession,
  startSession,
  type ResolvedSession,
} from './session.service.ts';
export {
  beginSecondStep,
  finishSecondStep,
  needsSecondStep,
  type PassedLogin,
} from './second-step.service.ts';
export {
  confirmTwoFactorEnrolment,
  disableMyTwoFactor,
  getMyTwoFactor,
  regenerateMyRecoveryCodes,
  resetTwoFactorFor,
  startTwoFactorEnrolment,
  type TwoFactorState,
} from './two-factor.service.ts';
export { checkSetupToken, completeSetup, issueSetupTokenIfNeeded, needsSetup } from './setup.service.ts';
export { createUser, getUserForAdmin, searchUsers, setUserAccess, setUserDisabled } from './staff.service.ts';
export type { User } from './user.repo.ts';
export { findUserByEmailForSystem } from './system-lookup.ts';
export { displayNames } from './system-lookup.ts';
export {
  getCustomerAccount,
  isAssignableStaff,
  listAssignableStaff,
  searchCustomerAccounts,
} from './staff-directory.ts';
export { onAccountChange, type AccountChange } from './account-events.ts';
export { OPEN_TICKET_CHOICES, deleteAccount } from './staff.service.ts';
