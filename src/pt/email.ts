// The IpcAPI email classes (research/pt-api.md §2). All strings are JS strings
// in the Script Engine [inf]; the body is a QString, the rest std::string.
import type { IpcObject } from "./events";

/** class_email_client.html. Not a Process subclass. */
export interface EmailClient {
  getEmailUser(): EmailUser | null;
  getSmtpClient(): SmtpClient | null;
}

/** class_email_user.html: the account of the Desktop > Email app. */
export interface EmailUser {
  getName(): string;
  getMailId(): string;
  getUser(): string;
  getPassword(): string;
  getSmtpServer(): string;
  getPop3Server(): string;
}

/**
 * class_smtp_client.html. sendMail's bool return is undocumented; a live
 * project reads false as "refused". Event mailSent(dest, subject, body,
 * responseType): the args keys are inferred from the parameter names
 * (pt-api.md §7) and read defensively by src/mail-event.ts.
 */
export interface SmtpClient extends IpcObject {
  sendMail(from: string, to: string, subject: string, body: string, password: string, server: string): boolean;
  cancelSend(): void;
}
