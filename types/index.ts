/** Contracts shared by the mini-program and the cloud functions. Import `z` from './zod' only. */
export { z } from './zod';
export * from './enums';
export * from './result';
export * from './common';
export * from './community';
export * from './user';
export * from './case';
export * from './notify';
export * from './notice';
export * from './scheduler';
export * from './mediation';
export * from './personalData';
export * from './survey';
export * from './station';
export * from './registry';
export { fieldLabel } from './fieldLabels';
export { issueFieldLabel } from './zod';
export * from './patrol';
