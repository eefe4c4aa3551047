/* argmap.render._fastwrap: wrap.py's rules for one paragraph of wide text, written in C.
 *
 * An optional accelerator for argmap/render/wrap.py (see wrap() there): the same lines as the
 * Python rules (the rules themselves are in _wrapcore.h), about ten times faster on Japanese
 * text. None when an atom is wider than a line: the Python code does that paragraph.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_wrapcore.h"

PyDoc_STRVAR(paragraph_doc,
"paragraph(text, width) -> list[str] | None\n\n"
"The lines wrap.wrap makes of one paragraph of text (no line break in it) at width columns\n"
"(at least 2) by its character rules; None when an atom is wider than a line.");

static PyObject *
paragraph(PyObject *module, PyObject *args)
{
    PyObject *text;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "Un:paragraph", &text, &width)) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *out = PyMem_New(Py_UCS4, n + 1);
    Py_ssize_t *ends = PyMem_New(Py_ssize_t, n + 1);
    PyObject *result = NULL;
    Py_ssize_t count = 0;
    if (out == NULL || ends == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int done = wrap_paragraph(PyUnicode_KIND(text), PyUnicode_DATA(text), n,
                              width < 2 ? 2 : width, out, ends, &count);
    if (done <= 0) {
        result = done == 0 ? Py_NewRef(Py_None) : NULL;
        goto done;
    }
    result = PyList_New(count);
    for (Py_ssize_t i = 0, start = 0; result != NULL && i < count; start = ends[i++]) {
        PyObject *line = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out + start,
                                                   ends[i] - start);
        if (line == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, i, line);
    }
done:
    PyMem_Free(out);
    PyMem_Free(ends);
    return result;
}

static PyMethodDef methods[] = {
    {"setup", wrap_setup, METH_VARARGS, WRAP_SETUP_DOC},
    {"paragraph", paragraph, METH_VARARGS, paragraph_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "argmap.render._fastwrap",
    .m_doc = "wrap.py's rules for a paragraph of wide text, written in C (optional).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__fastwrap(void)
{
    PyObject *module = PyModule_Create(&module_def);
    /* what wrap.py expects of this module: a build left from another version is not used */
    if (module != NULL && PyModule_AddIntConstant(module, "API", 1) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
