/**
 * Open data passed through CloudBase (zod-free, for pages too). CloudBase replaces a
 * `wx.cloud.CloudID(id)` value only when it is a top-level field of the callFunction data, so it
 * travels beside `action` and `input`; the function receives `{ cloudID, data }` there.
 */
export const GROUP_INFO_FIELD = 'groupInfo';
