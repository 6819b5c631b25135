// Closes an open group of the main navigation (MainNav.razor) on a click elsewhere, and the innermost one on Escape
// (focus back on its button). The menu itself works without this script.
(() => {
    const open = () => [...document.querySelectorAll('details.mtqg-group[open], details.mtqg-menu[open]')];
    document.addEventListener('click', event => {
        for (const details of open()) if (!details.contains(event.target)) details.open = false;
    });
    document.addEventListener('keydown', event => {
        if (event.key !== 'Escape') return;
        const details = open().filter(d => d.contains(document.activeElement)).pop() ?? open().pop();
        if (!details) return;
        details.open = false;
        details.querySelector(':scope > summary')?.focus();
    });
})();
