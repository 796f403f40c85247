/**
 * The survey's enums and their Chinese labels, zod-free so pages can import them (issue 10): a value
 * import of types/survey.ts would bring zod into the mini-program (~140 KB per package).
 * types/survey.ts builds its schemas from the same lists.
 */
export const surveyQuestionTypeLabels = {
  single: '单选题',
  multiple: '多选题',
  rating: '评分题（1-5分）',
  text: '简答题',
} as const;

export const surveyStatusLabels = { draft: '待发布', published: '进行中', closed: '已结束' } as const;
