using Rampart.Core.Bastion.Passwords;

namespace Rampart.Core.Tests.Bastion.Passwords;

/// <summary>Expected values from <c>openssl passwd -1|-5|-6 -salt SALT PASSWORD</c> (OpenSSL 3.0), and the SHA-crypt specification's own example.</summary>
public sealed class UnixCryptTests
{
    [Theory]
    [InlineData("Hello world!", "saltstring", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("x+%#Q", "abcdefgh", "$6$abcdefgh$8g8hro3vg1DbxpUKFgGHr9jB0BGwv3YRuCXpEOO6jGhLVtgLhds7QrF6Nl89lbrqwYvtwc/qxRHRAQigp7Rmh0")]
    public void Sha512(string password, string salt, string expected) => Assert.Equal(expected, UnixCrypt.Sha512(password, salt));

    [Theory]
    [InlineData("Hello world!", "saltstring", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5")]
    [InlineData("longer password than thirty-two bytes, surely", "0123456789abcdef", "$5$0123456789abcdef$5wQTCmXVFsSUtBoSiNMxq2RVFMHx0lzl4iq9WlGkJFA")]
    public void Sha256(string password, string salt, string expected) => Assert.Equal(expected, UnixCrypt.Sha256(password, salt));

    [Theory]
    [InlineData("Hello world!", "saltstri", "$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1")]
    [InlineData("longer password than sixteen bytes!", "ab", "$1$ab$c2yCxbdcPMIZHDW1jBFWN/")]
    public void Md5(string password, string salt, string expected) => Assert.Equal(expected, UnixCrypt.Md5(password, salt));

    [Fact]
    public void SaltsAreFreshAndFromCryptsAlphabet()
    {
        var salt = UnixCrypt.NewSalt(16);
        Assert.Equal(16, salt.Length);
        Assert.Matches("^[0-9A-Za-z]{16}$", salt);
        Assert.NotEqual(salt, UnixCrypt.NewSalt(16));
    }

    [Fact]
    public void EveryNewPasswordsHashesPassTheBastionsCheck_SoAnyOfThemCanBeForced()
    {
        // A salt with "." or "/" (crypt allows them, The Bastion's is_valid_hash does not) made about four hashes in
        // ten unusable with --force-password; 200 rounds would all but surely catch it again.
        for (var i = 0; i < 200; i++)
        {
            var hashes = EgressPasswordText.Hash(EgressPasswordText.Generate(16));
            Assert.All(hashes.All, hash => Assert.True(UnixCrypt.IsHash(hash.Hash), hash.Hash));
        }
    }

    [Theory]
    [InlineData("$1$Pl44$BEyG04AjjH0TRhLuhAs4A1", true)]
    [InlineData("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1", true)]
    [InlineData("$2b$10$abc", false)]
    [InlineData("$6$salt$bad hash", false)]
    [InlineData("plaintext", false)]
    public void HashesAreRecognizedAsTheBastionChecksThem(string text, bool isHash) => Assert.Equal(isHash, UnixCrypt.IsHash(text));
}
