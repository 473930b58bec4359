/**
 * `strftime` as Python's `datetime.strftime` writes it in the C locale, for chat templates'
 * `strftime_now` (Llama 3.x writes "Today Date: 26 Jul 2024"). Hand-written because
 * @huggingface/jinja's own covers only a few directives and names months in the machine's locale,
 * where transformers (Python, C locale) always writes English.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The day of the year, 1-based. */
function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return (
    Math.round(
      (new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86_400_000,
    ) + 1
  );
}

/** Formats `d` (local time, as Python's `datetime.now()`); unknown directives are kept as written. */
export function strftime(d: Date, format: string): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, c: string) => {
    switch (c) {
      case 'a':
        return DAYS[d.getDay()]!.slice(0, 3);
      case 'A':
        return DAYS[d.getDay()]!;
      case 'b':
      case 'h':
        return MONTHS[d.getMonth()]!.slice(0, 3);
      case 'B':
        return MONTHS[d.getMonth()]!;
      case 'd':
        return pad(d.getDate());
      case 'e':
        return String(d.getDate()).padStart(2, ' ');
      case 'm':
        return pad(d.getMonth() + 1);
      case 'y':
        return pad(d.getFullYear() % 100);
      case 'Y':
        return String(d.getFullYear());
      case 'H':
        return pad(d.getHours());
      case 'I':
        return pad(d.getHours() % 12 || 12);
      case 'p':
        return d.getHours() < 12 ? 'AM' : 'PM';
      case 'M':
        return pad(d.getMinutes());
      case 'S':
        return pad(d.getSeconds());
      case 'j':
        return pad(dayOfYear(d), 3);
      case 'w':
        return String(d.getDay());
      case 'F':
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      case '%':
        return '%';
      default:
        return whole;
    }
  });
}
