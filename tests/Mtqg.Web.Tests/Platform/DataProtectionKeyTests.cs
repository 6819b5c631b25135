using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Platform;

/// <summary>The keys that sign cookies and tokens, as stored in the database (shared by the web nodes).</summary>
public sealed class DataProtectionKeyTests
{
    /// <summary>The key the app makes when its key is due for renewal (the copied test database already holds one), as stored.</summary>
    private static async Task<string> NewKeyAsStoredAsync(MtqgApp app)
    {
        var now = DateTimeOffset.UtcNow;
        var key = app.Services.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        using var scope = app.Services.CreateScope();
        var stored = await app.Db(scope).DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        return stored.Single(xml => xml.Contains(key.KeyId.ToString()));
    }

    [Fact]
    public async Task With_a_certificate_configured_the_stored_keys_are_encrypted_and_sign_in_still_works()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MTQG data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"mtqg-dp-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-thu"));
        try
        {
            await using var app = new MtqgApp(
                await TestDatabase.CreateAsync(),
                settings: new Dictionary<string, string>
                {
                    ["Mtqg:DataProtection:CertificatePath"] = path,
                    ["Mtqg:DataProtection:CertificatePassword"] = "mat-khau-chung-thu",
                }
            );

            var stored = await NewKeyAsStoredAsync(app);

            Assert.Contains("EncryptedData", stored);
            Assert.DoesNotContain("<masterKey", stored);
            var admin = await app.Given().Administrator();
            Assert.True((await admin.GetAsync("/api/v1/users")).IsSuccessStatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Without_a_certificate_the_key_is_stored_as_is()
    {
        await using var app = await MtqgApp.StartAsync();
        Assert.Contains("<masterKey", await NewKeyAsStoredAsync(app));
    }
}
