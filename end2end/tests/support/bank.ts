/**
 * What a bank sends back for a remessa: a CNAB 240 retorno (segmentos T and U) settling the
 * chosen boletos. The same layout as the portal's own simulated bank (src/br/cnab240).
 */

export interface Title {
  nossoNumero: string;
  /** The company's number for it: `HZ-2025-0088/7`. */
  document: string;
  /** Centavos. */
  amount: number;
  /** 20 characters: agency, account and their digits, as the remessa wrote them. */
  account: string;
  /** `DDMMAAAA`. */
  due: string;
}

const pad = (text: string, width: number) => text.padEnd(width, " ").slice(0, width);
const digits = (value: number | string, width: number) => String(value).padStart(width, "0").slice(-width);

/** The boletos (segmentos P) of a remessa, in order. */
export function titlesOf(remessa: string): Title[] {
  return remessa
    .split("\r\n")
    .filter((line) => line.length === 240 && line[7] === "3" && line[13] === "P")
    .map((line) => ({
      nossoNumero: line.slice(37, 57).trim(),
      document: line.slice(62, 77).trim(),
      amount: Number(line.slice(85, 100)),
      account: line.slice(17, 37),
      due: line.slice(77, 85),
    }));
}

/** The retorno settling `titles` (paid their face value on `day`, `DDMMAAAA`), numbered `sequence`. */
export function settlement(remessa: string, titles: Title[], day: string, sequence: number): string {
  const lines = remessa.split("\r\n");
  const bank = lines[0].slice(0, 3);
  const header = lines[0].slice(0, 142) + "2" + lines[0].slice(143, 157) + digits(sequence, 6) + lines[0].slice(163);
  const batch = lines[1].slice(0, 8) + "T" + lines[1].slice(9);
  const out = [header, batch];
  let n = 0;
  for (const title of titles) {
    n += 1;
    const t =
      bank + "0001" + "3" + digits(n, 5) + "T" + " " + "06" + title.account + pad(title.nossoNumero, 20) + "7" +
      pad(title.document, 15) + title.due + digits(title.amount, 15) + bank + "00000" + "0" + pad("", 25) + "09";
    out.push(pad(t, 240));
    n += 1;
    const u =
      bank + "0001" + "3" + digits(n, 5) + "U" + " " + "06" + digits(0, 15) + digits(0, 15) + digits(0, 15) +
      digits(0, 15) + digits(title.amount, 15) + digits(title.amount, 15) + digits(0, 30) + day + day;
    out.push(pad(u, 240));
  }
  out.push(pad(bank + "0001" + "5" + pad("", 9) + digits(out.length, 6), 240));
  out.push(pad(bank + "9999" + "9" + pad("", 9) + digits(1, 6) + digits(out.length + 1, 6), 240));
  return out.join("\r\n") + "\r\n";
}
