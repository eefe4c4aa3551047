/* argmap.render._fastdot: the common DOT statements of a picture, written in C.
 *
 * An optional accelerator for argmap/render/dot.py (see _Builder._fast_chunk there): the
 * package works the same without it. It writes exactly the bytes the Python code writes, for
 * the common case only: a box whose text and id need no quoting (kind, wrapped text and
 * actors), an arrow from one premise. Everything else is handed back to the Python code
 * through the callables it is given, so the rules for quoting, for the legend's bookkeeping
 * and for the uncommon boxes and arrows live in Python, in one place. Two rules are here
 * too: wrap.py's wrapping (ASCII below; wide text in _wrapcore.h, shared with _fastwrap.c)
 * and html_escape's entities for & < > '; tests compare them with the Python code. The
 * strings it reads come from Python objects; it parses no input of its own.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_wrapcore.h"

/* ---- a growing byte buffer ----------------------------------------------------------------
 * The bytes object handed back is the buffer itself (resized at the end), so tens of
 * megabytes of statements are not copied once more. */

typedef struct {
    PyObject *bytes; /* NULL until the first write */
    char *data;
    Py_ssize_t len;
    Py_ssize_t cap;
} Buf;

static int
buf_reserve(Buf *b, Py_ssize_t extra)
{
    if (b->len + extra <= b->cap) {
        return 0;
    }
    Py_ssize_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + extra) {
        if (cap > PY_SSIZE_T_MAX / 2) {
            PyErr_NoMemory();
            return -1;
        }
        cap *= 2;
    }
    if (b->bytes == NULL) {
        b->bytes = PyBytes_FromStringAndSize(NULL, cap);
        if (b->bytes == NULL) {
            return -1;
        }
    }
    else if (_PyBytes_Resize(&b->bytes, cap) < 0) { /* frees the buffer on failure */
        return -1;
    }
    b->data = PyBytes_AS_STRING(b->bytes);
    b->cap = cap;
    return 0;
}

static int
buf_add(Buf *b, const char *s, Py_ssize_t n)
{
    if (n == 0) {
        return 0;
    }
    if (buf_reserve(b, n) < 0) {
        return -1;
    }
    memcpy(b->data + b->len, s, (size_t)n);
    b->len += n;
    return 0;
}

#define ADD(b, literal) buf_add((b), (literal), (Py_ssize_t)(sizeof(literal) - 1))

/* The UTF-8 of a str and its length (NULL with an exception: not a str, or unencodable). */
static const char *
utf8_of(PyObject *s, Py_ssize_t *n)
{
    if (!PyUnicode_Check(s)) {
        PyErr_Format(PyExc_TypeError, "expected str, got %.100s", Py_TYPE(s)->tp_name);
        return NULL;
    }
    if (PyUnicode_IS_ASCII(s)) {
        *n = PyUnicode_GET_LENGTH(s);
        return (const char *)PyUnicode_DATA(s);
    }
    return PyUnicode_AsUTF8AndSize(s, n);
}

/* Append a str as UTF-8. */
static int
buf_str(Buf *b, PyObject *s)
{
    Py_ssize_t n;
    const char *utf8 = utf8_of(s, &n);
    return utf8 == NULL ? -1 : buf_add(b, utf8, n);
}

/* The bytes written (the buffer is handed over). */
static PyObject *
buf_finish(Buf *b)
{
    if (b->bytes == NULL) {
        return PyBytes_FromStringAndSize("", 0);
    }
    PyObject *out = b->bytes;
    b->bytes = NULL;
    if (_PyBytes_Resize(&out, b->len) < 0) {
        return NULL;
    }
    return out;
}

static void
buf_drop(Buf *b)
{
    Py_CLEAR(b->bytes);
}

/* ---- tests on text ------------------------------------------------------------------------ */

/* Sets of ASCII characters, as tables: what quote() changes (the control characters,
 * '"' and backslash: a box or arrow with one goes to the Python code), and what
 * html_escape() turns into entities in a box's text. */
typedef unsigned char CharSet[128];
static CharSet QUOTED, ENTITIES;

/* 1 when every character of s is printable (as str.isprintable) and none is in `bad`;
 * 0 otherwise, also when s is not exactly a str. */
static int
plain(PyObject *s, const unsigned char *bad)
{
    if (!PyUnicode_CheckExact(s)) { /* a subclass may format itself otherwise: Python's job */
        return 0;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (PyUnicode_IS_ASCII(s)) {
        const unsigned char *p = (const unsigned char *)PyUnicode_DATA(s);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (bad[p[i]]) { /* the tables also hold the control characters */
                return 0;
            }
        }
        return 1;
    }
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 0x80 ? bad[ch] : !Py_UNICODE_ISPRINTABLE(ch)) {
            return 0;
        }
    }
    return 1;
}

static void
charsets_init(void)
{
    for (int c = 0; c < 128; c++) {
        int control = c < 0x20 || c == 0x7f;
        QUOTED[c] = control || c == '"' || c == '\\';
        ENTITIES[c] = c == '&' || c == '<' || c == '>' || c == '\'';
    }
}

/* Append n bytes of UTF-8 text with & < > ' written as html_escape() writes them (the text
 * holds no other character it changes). */
static int
buf_escaped(Buf *b, const char *s, Py_ssize_t n)
{
    Py_ssize_t from = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || !ENTITIES[c]) {
            continue;
        }
        if (buf_add(b, s + from, i - from) < 0) {
            return -1;
        }
        int failed = c == '&'   ? ADD(b, "&amp;")
                     : c == '<' ? ADD(b, "&lt;")
                     : c == '>' ? ADD(b, "&gt;")
                                : ADD(b, "&#39;");
        if (failed < 0) {
            return -1;
        }
        from = i + 1;
    }
    return buf_add(b, s + from, n - from);
}

/* buf_escaped() of a str. */
static int
buf_escaped_str(Buf *b, PyObject *s)
{
    Py_ssize_t n;
    const char *utf8 = utf8_of(s, &n);
    return utf8 == NULL ? -1 : buf_escaped(b, utf8, n);
}

/* ---- wrapping ----------------------------------------------------------------------------- */

/* What a scan of printable ASCII text found (see ascii_scan). */
#define HAS_ENTITIES 1 /* & < > ': html_escape() writes them as entities */
#define HAS_SPACES 2   /* a run of spaces, or one at either end: wrap() collapses them */

/* The HAS_ flags of printable ASCII text, or -1 when it has a character in QUOTED. */
static int
ascii_scan(const char *text, Py_ssize_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    int flags = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (QUOTED[c]) {
            return -1;
        }
        if (ENTITIES[c]) {
            flags |= HAS_ENTITIES;
        }
        else if (c == ' ' && (i == 0 || i == n - 1 || p[i + 1] == ' ')) {
            flags |= HAS_SPACES;
        }
    }
    return flags;
}

/* Append wrap(text, width) joined by <BR/> and escaped, for printable ASCII text with the
 * given HAS_ flags, as wrap.wrap's first branch does: spaces collapsed, each line cut at the
 * last space that fits. Returns 1 when done, 0 when a word is longer than a line (the caller
 * asks Python), -1 on error. */
static int
wrap_ascii(Buf *out, const char *text, Py_ssize_t n, Py_ssize_t width, int flags)
{
    char small[512];
    char *heap = NULL;
    const char *t = text;
    Py_ssize_t len = n;
    if (flags & HAS_SPACES) { /* the words joined by single spaces */
        char *copy = small;
        if (n > (Py_ssize_t)sizeof(small)) {
            copy = heap = PyMem_Malloc((size_t)n);
            if (heap == NULL) {
                PyErr_NoMemory();
                return -1;
            }
        }
        len = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (text[i] == ' ' && (len == 0 || copy[len - 1] == ' ')) {
                continue;
            }
            copy[len++] = text[i];
        }
        if (len > 0 && copy[len - 1] == ' ') {
            len--;
        }
        t = copy;
    }
    int (*add)(Buf *, const char *, Py_ssize_t) = flags & HAS_ENTITIES ? buf_escaped : buf_add;
    Py_ssize_t start = out->len;
    Py_ssize_t at = 0;
    int result = 1;
    while (len - at > width) {
        Py_ssize_t cut = -1;
        for (Py_ssize_t i = at + width; i > at; i--) {
            if (t[i] == ' ') {
                cut = i;
                break;
            }
        }
        if (cut < 0) {
            out->len = start;
            result = 0;
            goto done;
        }
        if (add(out, t + at, cut - at) < 0 || ADD(out, "<BR/>") < 0) {
            result = -1;
            goto done;
        }
        at = cut + 1;
    }
    if (add(out, t + at, len - at) < 0) {
        result = -1;
    }
done:
    PyMem_Free(heap);
    return result;
}

/* Append characters [start, end) of a str's data (of the given kind) as UTF-8, with & < > '
 * as html_escape() writes them when `escape` is set. No character may be a surrogate. */
static int
buf_chars(Buf *b, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, int escape)
{
    if (end - start > PY_SSIZE_T_MAX / 5) {
        PyErr_NoMemory();
        return -1;
    }
    if (buf_reserve(b, (end - start) * 5) < 0) { /* an entity is 5 bytes at most */
        return -1;
    }
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 0x80) {
            if (escape && ENTITIES[ch]) {
                const char *entity = ch == '&'   ? "&amp;"
                                     : ch == '<' ? "&lt;"
                                     : ch == '>' ? "&gt;"
                                                 : "&#39;";
                size_t size = strlen(entity);
                memcpy(b->data + b->len, entity, size);
                b->len += (Py_ssize_t)size;
                continue;
            }
            b->data[b->len++] = (char)ch;
        }
        else if (ch < 0x800) {
            b->data[b->len++] = (char)(0xc0 | (ch >> 6));
            b->data[b->len++] = (char)(0x80 | (ch & 0x3f));
        }
        else if (ch < 0x10000) {
            b->data[b->len++] = (char)(0xe0 | (ch >> 12));
            b->data[b->len++] = (char)(0x80 | ((ch >> 6) & 0x3f));
            b->data[b->len++] = (char)(0x80 | (ch & 0x3f));
        }
        else {
            b->data[b->len++] = (char)(0xf0 | (ch >> 18));
            b->data[b->len++] = (char)(0x80 | ((ch >> 12) & 0x3f));
            b->data[b->len++] = (char)(0x80 | ((ch >> 6) & 0x3f));
            b->data[b->len++] = (char)(0x80 | (ch & 0x3f));
        }
    }
    return 0;
}

/* Append a str as UTF-8, written here from its characters (PyUnicode_AsUTF8AndSize would
 * keep a UTF-8 copy in every text of the map). */
static int
buf_text(Buf *b, PyObject *s)
{
    if (PyUnicode_IS_ASCII(s)) {
        return buf_add(b, (const char *)PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s));
    }
    return buf_chars(b, PyUnicode_KIND(s), PyUnicode_DATA(s), 0, PyUnicode_GET_LENGTH(s), 0);
}

/* Append wrap(text, width) joined by <BR/> and escaped, for printable non-ASCII text (one
 * paragraph) by wrap.py's rules (_wrapcore.h). 1 when done, 0 when an atom is wider than a
 * line (the caller asks Python), -1 on error. */
static int
wrap_wide(Buf *out, PyObject *text, Py_ssize_t width)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *chars = PyMem_New(Py_UCS4, n + 1);
    Py_ssize_t *ends = PyMem_New(Py_ssize_t, n + 1);
    Py_ssize_t count = 0;
    int result = -1;
    if (chars == NULL || ends == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    result = wrap_paragraph(PyUnicode_KIND(text), PyUnicode_DATA(text), n, width, chars, ends,
                            &count);
    for (Py_ssize_t i = 0, start = 0; result == 1 && i < count; start = ends[i++]) {
        if ((i > 0 && ADD(out, "<BR/>") < 0) ||
            buf_chars(out, PyUnicode_4BYTE_KIND, chars, start, ends[i], 1) < 0) {
            result = -1;
        }
    }
done:
    PyMem_Free(chars);
    PyMem_Free(ends);
    return result;
}

/* Append the lines of the Python wrap(text, width) joined by <BR/>, escaped. */
static int
wrap_python(Buf *out, PyObject *wrap, PyObject *text, PyObject *width)
{
    PyObject *lines = PyObject_CallFunctionObjArgs(wrap, text, width, NULL);
    if (lines == NULL) {
        return -1;
    }
    PyObject *seq = PySequence_Fast(lines, "wrap() must give a list");
    Py_DECREF(lines);
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < count; i++) {
        if ((i > 0 && ADD(out, "<BR/>") < 0) ||
            buf_escaped_str(out, PySequence_Fast_GET_ITEM(seq, i)) < 0) {
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    return 0;
}

/* ---- shared pieces ------------------------------------------------------------------------ */

static PyObject *s_id, *s_text, *s_items, *s_kind, *s_by, *s_premises, *s_target, *s_type;
static PyObject *s_undercuts;

/* A claim's quoted node name: from `names`, else made here as quote() would, else by `make`.
 * Returns a borrowed reference (kept alive by `names`). */
static PyObject *
node_name(PyObject *names, PyObject *make, PyObject *cid)
{
    PyObject *name = PyDict_GetItemWithError(names, cid);
    if (name != NULL || PyErr_Occurred()) {
        return name;
    }
    PyObject *made;
    if (PyUnicode_CheckExact(cid) && PyUnicode_IS_ASCII(cid) && plain(cid, QUOTED)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(cid);
        made = PyUnicode_New(n + 8, 127);
        if (made != NULL) {
            char *p = (char *)PyUnicode_DATA(made);
            memcpy(p, "\"claim:", 7);
            memcpy(p + 7, PyUnicode_DATA(cid), (size_t)n);
            p[n + 7] = '"';
        }
    }
    else if (plain(cid, QUOTED)) {
        made = PyUnicode_FromFormat("\"claim:%U\"", cid);
    }
    else {
        made = PyObject_CallOneArg(make, cid);
    }
    if (made == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(made) || PyDict_SetItem(names, cid, made) < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "a node name must be a str");
        }
        Py_DECREF(made);
        return NULL;
    }
    Py_DECREF(made);
    return made; /* borrowed from names */
}

/* cache[key], else make(key) stored in cache, checked to be a tuple of `size` strs.
 * Returns a borrowed reference. */
static PyObject *
cached_parts(PyObject *cache, PyObject *make, PyObject *key, Py_ssize_t size)
{
    PyObject *parts = PyDict_GetItemWithError(cache, key);
    if (parts != NULL || PyErr_Occurred()) {
        return parts;
    }
    parts = PyObject_CallOneArg(make, key);
    if (parts == NULL) {
        return NULL;
    }
    int ok = PyTuple_Check(parts) && PyTuple_GET_SIZE(parts) == size;
    for (Py_ssize_t i = 0; ok && i < size; i++) {
        ok = PyUnicode_Check(PyTuple_GET_ITEM(parts, i));
    }
    if (!ok) {
        PyErr_Format(PyExc_TypeError, "expected a tuple of %zd strs", size);
        Py_DECREF(parts);
        return NULL;
    }
    if (PyDict_SetItem(cache, key, parts) < 0) {
        Py_DECREF(parts);
        return NULL;
    }
    Py_DECREF(parts);
    return parts;
}

static const char TABLE_START[] =
    "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">"
    "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">";
static const char ROWS[] = "</TD></TR><TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">";
static const char TABLE_END[] = "</TD></TR></TABLE>";

/* ---- boxes -------------------------------------------------------------------------------- */

typedef struct {
    PyObject *claims, *names, *name, *kind_parts, *actor_rows, *actor_row, *text_of, *wrap;
    PyObject *fallback, *width_obj, *kinds;
    Py_ssize_t width;
    int show_actors;
} BoxContext;

/* Append one claim's node statement. */
static int
box(Buf *out, BoxContext *ctx, PyObject *claim)
{
    int status = -1;
    PyObject *cid = NULL, *value = NULL, *items = NULL, *text = NULL, *kind = NULL, *by = NULL;
    cid = PyObject_GetAttr(claim, s_id);
    if (cid == NULL || (value = PyObject_GetAttr(claim, s_text)) == NULL ||
        (items = PyObject_GetAttr(value, s_items)) == NULL) {
        goto done;
    }
    if (PyTuple_Check(items) && PyTuple_GET_SIZE(items) == 1 &&
        PyTuple_Check(PyTuple_GET_ITEM(items, 0)) &&
        PyTuple_GET_SIZE(PyTuple_GET_ITEM(items, 0)) == 2) {
        text = Py_NewRef(PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, 0), 1));
    }
    else if ((text = PyObject_CallOneArg(ctx->text_of, value)) == NULL) {
        goto done;
    }
    int ascii = PyUnicode_CheckExact(text) && PyUnicode_IS_ASCII(text);
    int flags = ascii ? ascii_scan((const char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
                      : 0;
    if (!plain(cid, QUOTED) || flags < 0 || (!ascii && !plain(text, QUOTED))) {
        PyObject *written = PyObject_CallOneArg(ctx->fallback, claim);
        if (written != NULL) {
            status = buf_str(out, written);
            Py_DECREF(written);
        }
        goto done;
    }
    if ((kind = PyObject_GetAttr(claim, s_kind)) == NULL) {
        goto done;
    }
    PyObject *parts = cached_parts(ctx->kinds, ctx->kind_parts, kind, 3);
    PyObject *name = parts ? node_name(ctx->names, ctx->name, cid) : NULL;
    if (name == NULL) {
        goto done;
    }
    if (buf_str(out, name) < 0 || ADD(out, " [label=<") < 0 || ADD(out, TABLE_START) < 0 ||
        buf_str(out, PyTuple_GET_ITEM(parts, 2)) < 0 || ADD(out, ROWS) < 0) {
        goto done;
    }
    int wrapped = 0;
    if (ascii) {
        wrapped = wrap_ascii(out, (const char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text),
                             ctx->width, flags);
        if (wrapped < 0) {
            goto done;
        }
    }
    else {
        Py_ssize_t start = out->len;
        wrapped = wrap_wide(out, text, ctx->width);
        if (wrapped < 0) {
            goto done;
        }
        out->len = wrapped ? out->len : start;
    }
    if (!wrapped && wrap_python(out, ctx->wrap, text, ctx->width_obj) < 0) {
        goto done;
    }
    if (ctx->show_actors) {
        if ((by = PyObject_GetAttr(claim, s_by)) == NULL) {
            goto done;
        }
        int any = PyObject_IsTrue(by);
        if (any < 0) {
            goto done;
        }
        if (any) {
            PyObject *row = PyDict_GetItemWithError(ctx->actor_rows, by);
            if (row != NULL) {
                Py_INCREF(row);
            }
            else if (PyErr_Occurred() ||
                     (row = PyObject_CallOneArg(ctx->actor_row, by)) == NULL) {
                goto done;
            }
            int failed = ADD(out, ROWS) < 0 || buf_str(out, row) < 0;
            Py_DECREF(row);
            if (failed) {
                goto done;
            }
        }
    }
    if (ADD(out, TABLE_END) < 0 || ADD(out, ">, ") < 0 ||
        buf_str(out, PyTuple_GET_ITEM(parts, 0)) < 0 || ADD(out, ", tooltip=\"") < 0 ||
        buf_text(out, cid) < 0 || ADD(out, ": ") < 0 || buf_text(out, text) < 0 ||
        ADD(out, "\", class=") < 0 || buf_str(out, PyTuple_GET_ITEM(parts, 1)) < 0 ||
        ADD(out, "];\n") < 0) {
        goto done;
    }
    status = 0;
done:
    Py_XDECREF(cid);
    Py_XDECREF(value);
    Py_XDECREF(items);
    Py_XDECREF(text);
    Py_XDECREF(kind);
    Py_XDECREF(by);
    return status;
}

PyDoc_STRVAR(boxes_doc,
"boxes(claims, cids, names, name, kind_parts, actor_rows, actor_row, show_actors, width,\n"
"      text_of, wrap, fallback) -> bytes\n\n"
"The node statements of claims[cid] for each cid, joined, as UTF-8: what\n"
"_Builder.claim_statement writes for each (dot.py's _fast_chunk explains the arguments).");

static PyObject *
boxes(PyObject *module, PyObject *args)
{
    BoxContext ctx;
    PyObject *cids;
    if (!PyArg_ParseTuple(args, "O!OO!OOO!OpOOOO:boxes", &PyDict_Type, &ctx.claims, &cids,
                          &PyDict_Type, &ctx.names, &ctx.name, &ctx.kind_parts, &PyDict_Type,
                          &ctx.actor_rows, &ctx.actor_row, &ctx.show_actors, &ctx.width_obj,
                          &ctx.text_of, &ctx.wrap, &ctx.fallback)) {
        return NULL;
    }
    int overflow;
    long width = PyLong_AsLongAndOverflow(ctx.width_obj, &overflow);
    if (width == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* as wrap(): at least 2; a width beyond any text is as good as any bigger one */
    ctx.width = overflow > 0 || width > (1L << 30) ? (Py_ssize_t)1 << 30
                : overflow < 0 || width < 2         ? 2
                                                    : (Py_ssize_t)width;
    PyObject *seq = PySequence_Tuple(cids); /* callbacks cannot change it under us */
    if (seq == NULL) {
        return NULL;
    }
    ctx.kinds = PyDict_New();
    Buf out = {NULL, NULL, 0, 0};
    Py_ssize_t count = PyTuple_GET_SIZE(seq);
    int failed = ctx.kinds == NULL || buf_reserve(&out, count * 1024) < 0;
    for (Py_ssize_t i = 0; !failed && i < count; i++) {
        if ((i & 1023) == 1023 && PyErr_CheckSignals() < 0) {
            failed = 1;
            break;
        }
        PyObject *claim = PyDict_GetItemWithError(ctx.claims, PyTuple_GET_ITEM(seq, i));
        if (claim == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetObject(PyExc_KeyError, PyTuple_GET_ITEM(seq, i));
            }
            failed = 1;
            break;
        }
        Py_INCREF(claim); /* the callbacks box() calls could drop it from the dict */
        failed = box(&out, &ctx, claim) < 0;
        Py_DECREF(claim);
    }
    Py_DECREF(seq);
    Py_XDECREF(ctx.kinds);
    if (failed) {
        buf_drop(&out);
        return NULL;
    }
    return buf_finish(&out);
}

/* ---- arrows ------------------------------------------------------------------------------- */

typedef struct {
    PyObject *junctions, *names, *name, *relation_parts, *junction_node, *fallback, *types;
} ArrowContext;

/* Append one relation's junction statement (to `nodes`) and edge statements (to `edges`). */
static int
arrow(Buf *nodes, Buf *edges, ArrowContext *ctx, PyObject *rel)
{
    int status = -1;
    PyObject *rid = NULL, *premises = NULL, *rtype = NULL, *target = NULL, *head = NULL;
    PyObject *source = NULL, *parts_owned = NULL;
    if ((rid = PyObject_GetAttr(rel, s_id)) == NULL ||
        (premises = PyObject_GetAttr(rel, s_premises)) == NULL ||
        (rtype = PyObject_GetAttr(rel, s_type)) == NULL) {
        goto done;
    }
    int linked = !PyTuple_Check(premises) || PyTuple_GET_SIZE(premises) != 1;
    int junction = linked ? 1 : PySet_Contains(ctx->junctions, rid);
    if (junction < 0) {
        goto done;
    }
    if (junction || !plain(rid, QUOTED) || !plain(rtype, QUOTED)) {
        PyObject *written = PyObject_CallOneArg(ctx->fallback, rel);
        if (written == NULL) {
            goto done;
        }
        if (!PyTuple_Check(written) || PyTuple_GET_SIZE(written) != 2) {
            PyErr_SetString(PyExc_TypeError, "relation_statements must give two strs");
            Py_DECREF(written);
            goto done;
        }
        status = buf_str(nodes, PyTuple_GET_ITEM(written, 0)) < 0 ||
                         buf_str(edges, PyTuple_GET_ITEM(written, 1)) < 0
                     ? -1
                     : 0;
        Py_DECREF(written);
        goto done;
    }
    PyObject *parts = cached_parts(ctx->types, ctx->relation_parts, rtype, 2);
    if (parts == NULL) {
        goto done;
    }
    Py_INCREF(parts); /* borrowed from a dict that callbacks below could change */
    parts_owned = parts;
    source = Py_XNewRef(node_name(ctx->names, ctx->name, PyTuple_GET_ITEM(premises, 0)));
    if (source == NULL || (target = PyObject_GetAttr(rel, s_target)) == NULL) {
        goto done;
    }
    int undercut = PyUnicode_Compare(rtype, s_undercuts);
    if (undercut == -1 && PyErr_Occurred()) {
        goto done;
    }
    if (undercut == 0) {
        head = PyObject_CallOneArg(ctx->junction_node, target);
    }
    else {
        head = Py_XNewRef(node_name(ctx->names, ctx->name, target));
    }
    if (head == NULL) {
        goto done;
    }
    if (buf_str(edges, source) < 0 || ADD(edges, " -> ") < 0 || buf_str(edges, head) < 0 ||
        ADD(edges, " [") < 0 || buf_str(edges, PyTuple_GET_ITEM(parts, 0)) < 0 ||
        ADD(edges, ", tooltip=\"") < 0 || buf_str(edges, rid) < 0 || ADD(edges, " (") < 0 ||
        buf_str(edges, rtype) < 0 || ADD(edges, ")\", ") < 0 ||
        buf_str(edges, PyTuple_GET_ITEM(parts, 1)) < 0 || ADD(edges, "];\n") < 0) {
        goto done;
    }
    status = 0;
done:
    Py_XDECREF(rid);
    Py_XDECREF(premises);
    Py_XDECREF(rtype);
    Py_XDECREF(target);
    Py_XDECREF(head);
    Py_XDECREF(source);
    Py_XDECREF(parts_owned);
    return status;
}

PyDoc_STRVAR(arrows_doc,
"arrows(relations, junctions, names, name, relation_parts, junction_node, fallback)\n"
"    -> (bytes, bytes)\n\n"
"The junction statements and the edge statements of the relations, each joined, as UTF-8:\n"
"what _Builder.relation_statements writes for each.");

static PyObject *
arrows(PyObject *module, PyObject *args)
{
    ArrowContext ctx;
    PyObject *rels;
    if (!PyArg_ParseTuple(args, "OOO!OOOO:arrows", &rels, &ctx.junctions, &PyDict_Type,
                          &ctx.names, &ctx.name, &ctx.relation_parts, &ctx.junction_node,
                          &ctx.fallback)) {
        return NULL;
    }
    if (!PyAnySet_Check(ctx.junctions)) {
        PyErr_SetString(PyExc_TypeError, "junctions must be a set or frozenset");
        return NULL;
    }
    PyObject *seq = PySequence_Tuple(rels);
    if (seq == NULL) {
        return NULL;
    }
    ctx.types = PyDict_New();
    Buf nodes = {NULL, NULL, 0, 0}, edges = {NULL, NULL, 0, 0};
    Py_ssize_t count = PyTuple_GET_SIZE(seq);
    int failed = ctx.types == NULL || buf_reserve(&edges, count * 256) < 0;
    for (Py_ssize_t i = 0; !failed && i < count; i++) {
        if ((i & 1023) == 1023 && PyErr_CheckSignals() < 0) {
            failed = 1;
            break;
        }
        failed = arrow(&nodes, &edges, &ctx, PyTuple_GET_ITEM(seq, i)) < 0;
    }
    Py_DECREF(seq);
    Py_XDECREF(ctx.types);
    if (failed) {
        buf_drop(&nodes);
        buf_drop(&edges);
        return NULL;
    }
    PyObject *junction_bytes = buf_finish(&nodes);
    if (junction_bytes == NULL) {
        buf_drop(&edges);
        return NULL;
    }
    PyObject *edge_bytes = buf_finish(&edges);
    if (edge_bytes == NULL) {
        Py_DECREF(junction_bytes);
        return NULL;
    }
    return Py_BuildValue("(NN)", junction_bytes, edge_bytes);
}

/* ---- the module --------------------------------------------------------------------------- */

static PyMethodDef methods[] = {
    {"setup", wrap_setup, METH_VARARGS, WRAP_SETUP_DOC},
    {"boxes", boxes, METH_VARARGS, boxes_doc},
    {"arrows", arrows, METH_VARARGS, arrows_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "argmap.render._fastdot",
    .m_doc = "The common statements of argmap's DOT pictures, written in C (optional; see dot.py).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__fastdot(void)
{
    struct {
        PyObject **slot;
        const char *text;
    } names[] = {
        {&s_id, "id"},         {&s_text, "text"},         {&s_items, "items"},
        {&s_kind, "kind"},     {&s_by, "by"},             {&s_premises, "premises"},
        {&s_target, "target"}, {&s_type, "type"},         {&s_undercuts, "undercuts"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (*names[i].slot == NULL && (*names[i].slot = PyUnicode_InternFromString(names[i].text)) == NULL) {
            return NULL;
        }
    }
    charsets_init();
    PyObject *module = PyModule_Create(&module_def);
    /* what dot.py expects of this module: a build left from another version is not used */
    if (module != NULL && PyModule_AddIntConstant(module, "API", 2) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
