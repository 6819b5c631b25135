namespace Mtqg.Web.Features.Departments.Pages;

/// <summary>The add form of the departments page, bound by the framework ([SupplyParameterFromForm]); the service checks it.</summary>
public sealed class AddDepartmentForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? ValidFrom { get; set; }

    public DepartmentInput ToInput() => new(Code, Name, Mtqg.Domain.Common.VietnamTime.ParseDate(ValidFrom));
}

/// <summary>The rename / merge form: a department, and a new name or a last day with its successor.</summary>
public sealed class ChangeDepartmentForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? ValidTo { get; set; }
    public string? SuccessorCode { get; set; }

    public DepartmentChange ToChange() => new(Name, Mtqg.Domain.Common.VietnamTime.ParseDate(ValidTo), SuccessorCode);
}
