/** A person of the demo station one can sign in as on the local sign-in page (see seed/content.ts). */
export interface DemoPerson {
  openid: string;
  name: string;
  /** e.g. 居民, 社区民警, 调解员, 志愿者, 管理员 */
  roleLabel: string;
  description: string;
}
