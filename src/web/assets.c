/*
 * assets.c - the style sheet and the script of the pages, compiled into the
 * binary: the pages work offline and no request path reaches the disk.
 */
#include "web.h"

const char web_css[] =
    "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}"
    "header{background:#24543a;color:#fff;padding:.6em 1.2em}"
    "header h1{margin:0;font-size:1.5em}header a{color:#fff}"
    "header p{margin:.2em 0}.langs a{margin-right:.8em}.langs .current{font-weight:bold}"
    "main{padding:1em 1.2em;max-width:1200px}"
    "fieldset{border:1px solid #ccc;margin:0 0 1em;padding:.6em 1em;background:#fff}"
    "legend{font-weight:bold}label{display:block;margin:.3em 0}"
    "textarea{width:100%;box-sizing:border-box;font-family:monospace;font-size:.85em}"
    "input[name=group],input[name=shares]{width:24em}"
    ".stds{list-style:none;padding:0;margin:.2em 0}.help{color:#555;font-size:.85em;margin:.1em 0}"
    ".actions button{font-size:1em;padding:.4em 1em;margin-right:.5em}"
    "table{border-collapse:collapse;margin:.5em 0;background:#fff}"
    "th,td{border:1px solid #ddd;padding:.2em .5em;font-size:.9em;text-align:left}"
    "td.num{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}"
    ".st-ok{background:#e3f4e6}.st-low{background:#fff1d6}.st-high{background:#fbe0e0}"
    ".st-insufficient{background:#ececec}"
    ".badge{padding:.1em .5em;border-radius:.3em;font-size:.8em}"
    ".badge.st-ok{background:#2e7d32;color:#fff}.badge.st-high{background:#c62828;color:#fff}"
    ".badge.st-low{background:#e08a00;color:#fff}.badge.st-insufficient{background:#757575;color:#fff}"
    "svg.chart{max-width:100%;height:auto;font-size:11px}"
    "svg .label{text-anchor:end}svg .axis,svg .pct{fill:#555}"
    "svg rect.st-ok{fill:#2e7d32}svg rect.st-low{fill:#e08a00}svg rect.st-high{fill:#c62828}"
    "svg rect.st-insufficient{fill:#9e9e9e}svg .norm{stroke:#000;stroke-dasharray:3 2}"
    ".errors li,.warnings li{font-family:monospace;white-space:pre-wrap}"
    ".warnings h2{color:#8a5a00}"
    "footer{color:#777;font-size:.8em;padding:1em 1.2em}"
    "form.busy button{opacity:.5}\n";

/* A chosen CSV file is shown in the text area (and sent from there); a
 * workbook stays in the file field. */
const char web_js[] =
    "'use strict';\n"
    "document.querySelectorAll('input[type=file][data-target]').forEach(function (input) {\n"
    "  input.addEventListener('change', function () {\n"
    "    var file = input.files[0];\n"
    "    if (!file || /\\.xlsx$/i.test(file.name)) return;\n"
    "    var reader = new FileReader();\n"
    "    reader.onload = function () {\n"
    "      document.getElementById(input.dataset.target).value = reader.result;\n"
    "      input.value = '';\n"
    "    };\n"
    "    reader.readAsText(file);\n"
    "  });\n"
    "});\n"
    "var form = document.getElementById('check');\n"
    "if (form)\n"
    "  form.addEventListener('submit', function () { form.classList.add('busy'); });\n";
