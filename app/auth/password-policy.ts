/**
 * Password length rules shared by forms and server (OWASP ASVS 5.0 level 1, V6.2). The checks
 * themselves, with the list of common passwords, live in password-policy.server.ts so the list
 * never reaches the browser bundle.
 */

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
