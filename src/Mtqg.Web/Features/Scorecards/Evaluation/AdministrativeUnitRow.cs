namespace Mtqg.Web.Features.Scorecards.Evaluation;

public sealed record AdministrativeUnitRow(int Id, string Code, string Name, string ProvinceCode);
