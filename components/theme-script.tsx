// Runs before first paint (inline, with the page's CSP nonce): the saved choice, else the system setting, decides
// whether <html> has the `dark` class, so no page flashes white in the dark theme.
const SCRIPT = `(function(){try{var c=localStorage.getItem("meshwork-theme");var d=c==="dark"||(c!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=c||"system";}catch(e){}})();`;

export function ThemeScript({ nonce }: { nonce: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
