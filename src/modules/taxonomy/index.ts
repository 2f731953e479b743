export {
  PRIORITIES,
  activeCategories,
  loadLabels,
  requireActiveCategory,
  statusIdByCode,
  type CategoryLabel,
  type Labels,
  type Priority,
  type StatusLabel,
} from './taxonomy.service.ts';
