// The server-side services a lab read needs (research/pt-api.md §2.7, §2.8;
// pt-labs-and-fidelity.md B1). None of them documents an event.

/** getProcess("SmtpServer") [doc class_smtp_server.html; live 7.3.0 Chesszyh]: the mail domain lives here. */
export interface SmtpServer {
  isEnabled(): boolean;
  getServerDomainName(): string;
}

/** getProcess("Pop3Server") [doc class_pop3_server.html; live 7.3.0]. */
export interface Pop3Server {
  isEnabled(): boolean;
}

/** getProcess("EmailServer") [doc class_email_server.html]. */
export interface EmailServer {
  /** "name:password" each [doc; live 7.3.0, 9.0.1 S8]. */
  getAllEmailAcctAsStrings(): string[];
}

/**
 * getProcess("DnsServer") → DnsServerProcess [doc class_dns_server_process.html].
 * Not getIpAddOfDomain/isDomainNameExisted: they read another table (live 9.0.1 S8).
 */
export interface DnsServer {
  isEnabled(): boolean;
  getSizeOfNameServerDb(): number;
  getRrFromNameServerDbAt(index: number): DnsResourceRecord | null;
}

/**
 * struct_dns_resource_record.html [doc]; an A record is a DnsRrA {ipAddress}, a
 * CNAME a DnsRrCname {hostName} [doc struct_dns_rr_a.html, struct_dns_rr_cname.html].
 * The values of `type` (Dns::EResourceRecordType) are not documented.
 */
export interface DnsResourceRecord {
  name: string;
  type: number;
  ipAddress?: string;
  hostName?: string;
}
