/** Mini-program pages that notifications and subscribe messages open. */
export const pages = {
  residentCase: (id: string) => `pages/case/index?id=${id}`,
  rate: (id: string) => `pages/rate/index?id=${id}`,
  staffCase: (id: string) => `pkg-staff/case/index?id=${id}`,
};
