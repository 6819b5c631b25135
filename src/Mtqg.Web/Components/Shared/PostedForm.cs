namespace Mtqg.Web.Components.Shared;

public static class PostedForm
{
    /// <summary>
    /// The value the user posted in <paramref name="field"/> (of the form <paramref name="form"/>, when the page has several),
    /// to render a refused form again with the input kept; null on a GET.
    /// </summary>
    public static string? Posted(this HttpContext context, string field, string? form = null) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.HasFormContentType
        && (form is null || context.Request.Form["_handler"] == form)
        && context.Request.Form.TryGetValue(field, out var value)
            ? value.ToString()
            : null;
}
