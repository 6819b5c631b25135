// Page forms, without changing how they post (every form works without this script):
// - a form whose fields were edited and not sent warns before the page is left (a link, reload, closing the tab);
// - a form being sent cannot be sent twice: its submit button is locked and says what is happening, with a progress bar
//   for a file upload or a form marked data-mtqg-progress. A form marked data-mtqg-nowarn is left alone (sign-out, filters are GET forms and never tracked).
(() => {
    const tracked = form => form instanceof HTMLFormElement && (form.method || '').toLowerCase() === 'post' && !form.hasAttribute('data-mtqg-nowarn');
    const dirty = new Set();
    let leaving = false;
    const mark = event => {
        const form = event.target?.form;
        if (tracked(form) && event.target.type !== 'hidden') dirty.add(form);
    };
    document.addEventListener('input', mark, true);
    document.addEventListener('change', mark, true);

    document.addEventListener('submit', event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || (form.method || '').toLowerCase() !== 'post') return;
        if (form.dataset.mtqgSending) { event.preventDefault(); return; } // a second click while the first is on its way
        leaving = true; // the user chose to send: nothing is lost by leaving
        dirty.clear();
        form.dataset.mtqgSending = '1';
        const button = event.submitter ?? form.querySelector('button[type=submit], button:not([type])');
        const upload = form.enctype === 'multipart/form-data' && [...form.querySelectorAll('input[type=file]')].some(f => f.files?.length);
        // A long write without a file (the confirmation of a previewed upload) names itself: data-mtqg-progress="Đang ghi…".
        const progress = form.dataset.mtqgProgress;
        // After the submit event, so that the button's own name and value are still sent.
        setTimeout(() => {
            if (button) {
                button.disabled = true;
                button.setAttribute('aria-busy', 'true');
                button.dataset.mtqgLabel = button.textContent;
                button.textContent = progress ?? (upload ? 'Đang tải tệp lên và kiểm tra…' : 'Đang xử lý…');
            }
            if ((upload || progress) && !form.querySelector('.mtqg-sending')) {
                const bar = document.createElement('div');
                bar.className = 'mtqg-sending';
                bar.setAttribute('role', 'progressbar');
                bar.setAttribute('aria-label', progress ?? 'Đang tải tệp lên và kiểm tra');
                bar.innerHTML = '<span></span>';
                form.appendChild(bar);
            }
        }, 0);
    });

    // Back from the browser's cache: the form may be sent again.
    window.addEventListener('pageshow', () => {
        leaving = false;
        for (const form of document.querySelectorAll('form[data-mtqg-sending]')) {
            delete form.dataset.mtqgSending;
            const button = form.querySelector('button[aria-busy=true]');
            if (button) { button.disabled = false; button.removeAttribute('aria-busy'); button.textContent = button.dataset.mtqgLabel ?? button.textContent; }
            form.querySelector('.mtqg-sending')?.remove();
        }
    });

    const unsaved = () => !leaving && [...dirty].some(form => form.isConnected);
    const warning = 'Các thay đổi trên biểu mẫu chưa được lưu. Rời trang và bỏ các thay đổi này?';
    window.addEventListener('beforeunload', event => {
        if (!unsaved()) return;
        event.preventDefault();
        event.returnValue = warning;
    });
    // Links followed inside the page (Blazor's enhanced navigation) do not unload it: ask here, before Blazor handles the click.
    window.addEventListener('click', event => {
        const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
        if (!link || link.target === '_blank' || link.hasAttribute('download') || event.defaultPrevented || !unsaved()) return;
        if (new URL(link.href, location.href).origin !== location.origin) return;
        if (confirm(warning)) { dirty.clear(); return; }
        event.preventDefault();
        event.stopImmediatePropagation();
    }, true);
})();

// Date fields (DateInput, InputDateText) are text in dd/mm/yyyy whatever the browser's language; a calendar button beside each
// opens the browser's own date picker and writes the chosen day back as dd/mm/yyyy. Without this script the field is typed.
(() => {
    const iso = text => {
        const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text ?? '');
        if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
        return /^\d{4}-\d{2}-\d{2}$/.test((text ?? '').trim()) ? text.trim() : '';
    };
    const typed = value => { const [y, m, d] = value.split('-'); return `${d}/${m}/${y}`; };
    const enhance = field => {
        if (field.dataset.mtqgPicker || typeof HTMLInputElement.prototype.showPicker !== 'function') return;
        field.dataset.mtqgPicker = '1';
        const wrap = document.createElement('span');
        wrap.className = 'mtqg-date-wrap';
        field.replaceWith(wrap);
        const native = document.createElement('input');
        native.type = 'date';
        native.tabIndex = -1;
        native.className = 'mtqg-date-native';
        native.setAttribute('aria-hidden', 'true');
        if (field.dataset.min) native.min = field.dataset.min;
        if (field.dataset.max) native.max = field.dataset.max;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'mtqg-date-button';
        button.setAttribute('aria-label', 'Chọn ngày trên lịch');
        button.textContent = '📅';
        wrap.append(field, native, button);
        button.addEventListener('click', () => {
            native.value = iso(field.value);
            try { native.showPicker(); } catch { field.focus(); }
        });
        native.addEventListener('change', () => {
            if (!native.value) return;
            field.value = typed(native.value);
            field.dispatchEvent(new Event('input', { bubbles: true }));
            field.focus();
        });
    };
    const all = () => document.querySelectorAll('input.mtqg-date').forEach(enhance);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all); else all();
    // Blazor's enhanced navigation swaps the page without a load event.
    window.Blazor?.addEventListener?.('enhancedload', all);
})();
