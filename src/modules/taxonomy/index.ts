export {
  PRIORITIES,
  activeCategories,
  labelColors,
  loadLabels,
  requireActiveCategory,
  statusIdByCode,
  type CategoryLabel,
  type Labels,
  type Priority,
  type StatusLabel,
} from './taxonomy.service.ts';
export {
  categoryDeletion,
  createCategory,
  deleteCategory,
  getCategory,
  getCategoryForAdmin,
  listCategoriesForAdmin,
  listCategoriesVisible,
  moveCategory,
  updateCategory,
  type CategoryDetail,
  type CategoryInput,
} from './category.service.ts';
export {
  createStatus,
  deleteStatus,
  getStatus,
  listStatuses,
  moveStatus,
  statusDeletion,
  updateStatus,
  type StatusDetail,
  type StatusInput,
} from './status.service.ts';
export {
  getPriority,
  listPriorities,
  updatePriority,
  type PriorityDetail,
  type PriorityInput,
} from './priority.service.ts';
export {
  checkContrast,
  contrastRatio,
  suggestTextColor,
  MIN_CONTRAST,
  type ContrastCheck,
} from './contrast.ts';
export { SCHEMES, contrastOf, type LabelColors, type LabelColorsPatch, type Scheme } from './label-colors.ts';
export { resolveText, type Resolved, type Texts, type TextsPatch } from './translations.ts';
