namespace Rampart.Core.Tests.Bastion.Keys;

/// <summary>
/// Public keys with what <c>ssh-keygen -lf</c> (OpenSSH 9.2) printed for them. The unprefixed ones are The Bastion's own
/// functional-test vectors (tests.d/330-selfkeys.sh); the Local ones were made with ssh-keygen for these tests (the -SK
/// ones assembled from an Ed25519/ECDSA point with application "ssh:", and Rsa1024Odd from a random odd modulus).
/// </summary>
internal static class KeyVectors
{
    public sealed record Vector(string Name, string Typecode, string Base64, string Fingerprint, int Size, string Family)
    {
        public override string ToString() => Name;
    }

    public static readonly Vector Rsa1024 = new("Rsa1024", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAAAgQDNbJemAKF6u4xZtbbkHtQeXeh9EvsYgBdUlnES1oBSS/ICKU7lcUrW4UvUpYLQ0+N1f0XaYfGO01BnEPwJDYJngkybh1Qwo6IbCBySpIFJG7ToK4M1U2arALGelwgoVP3AE+HoLjSH9W0ZisBvWtiyCekBWnzf+kD5hLkblPXYkQ==", "SHA256:tHu5MD2vgUWxduQUnXqtHaRCCbez7CB9hOvD7zMZu/U", 1024, "RSA");

    public static readonly Vector Rsa2048 = new("Rsa2048", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAABAQDUcjtSpPwY9kdBtmfAURXEIwvUnfJ41acboaNyXU0Vv9C0hg6DNemm8FjDC4xp9AtQgKc8Sq2VGrUXIMO/xxD8LA9u3DjwWLYAzoBYGzKZ9p7QynoeEAa/Fpv811LmSJMVw1NPDahMrv1mVR4vXrU5Z/S4VkIEY19DnO0TlpciWPC9ePLhcF/MIb2dwzRlWaKm0JRw8D/V3aPbacyZL1zO+Gdk8an95DZ7T8KbxDdLxf6pLLWbtdMxZKnTQeAJGW7JXsf6ybmHgOqHTI3gWfydbRe0bHBcqORT21resFcqqyqKrKjGedWYqDraAi3k8G+U0T8RwDGMJpC2EFDk7c0H", "SHA256:ZdeU0HZyYoqz+ysPxoZ5cUX8eDIV4PIn7s0oDipqUnI", 2048, "RSA");

    public static readonly Vector Rsa4096 = new("Rsa4096", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAACAQDC6clamfZUjOfWR9T5TG/QbN8lTDwdJXPmKXa7P4F9+QKDRoKfcRn0hTW4LeTsBlbnPoeolRPNuhjW/l1Sv1MLCVqzwUljbbvAZ4QBAMhXIFy0Z2i2zE/jpi2oC7J7+/2sHtznW0mxQppcb6pMWLRNuU4p85l+XZanzbQoR+7aEdvjn1eTYa/jkAJwMCS+HO3F9nVkV7EyVYXoPYEDya/mrdgLcZktSuE42zD9TVpBXlW5pONeuo2q0h7soJp1VhJwwO1/VXPmz7JfvFhFrHit+Bh+RJeTOrLRG1kE/5DZoLbOiXpBzG08bbyQQS17DynHk2afMrbqQx3tV6a/TqCF0LJTaNPDTKmYinsremHXxKpzStNkJ7UArgfipoUk20QyPJX3P5T0JF1LLu8rfE6GpqB7CVgYDjPIKcfiG5o+gKrwYrLkyDaEKkhdD0KSAZ5HmL/Z4t/3aDYUK96/IiYE49PI6rsuD5RRCASv8U68v2Kk14X7MmR7mZxJZ2oRMtPftS/Z+nvoStyUQF5LBOTKlrJd5PTjC6OlMG85qLmYjbDViUK/b/KtdwgQPhupzsHIq3hAaSvudjMWqbOQ/YlwwOxqAC7EVe9nv6cZTyBHIq2AINlNRqL1f6hzxrL6oBAMAvirNYI8/B/8yYGYwbNdTTNIZOXxWqHW8OIeA+QgMQ==", "SHA256:esuEP68vVxW7uJd1jxUXfmMj0Hk3my/Lv181K/XFlfY", 4096, "RSA");

    public static readonly Vector Rsa8192 = new("Rsa8192", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAAEAQD2anHdMJgmE87uinVQjvg1BgsiLZm8Ra6b0xknf6IGd/ZK3FHq5FxBAHUtubqAsM5DyKgf9DtG+MIb43Zv3ECXWppPcplyM5B0L4Y/QVlPf6cgL6gug4ct6XiK1Ck+CH9kc5tkEdk10GV89teTBhq9xXw0tcVkoMwrc9mNGb7OVG6RQRROk+LzoWYiIMUPRW0gYRBxQnliBqQmlbs5lZbWbFhsjBJPSEeY2h0OEtoEItZyM6om2IwI2o9D8QzgoL8KbYEknuBS5zJIkT82HRBxKvttjaZakiEoT3Ir82YavFgwHpkA4N6Gz6IAyWofcB+qp2p0Wi1VILim07gXdWOmVbX/WN6NsY4g05V2FQVqECIR/dHwePkzA0DvHLbeY720nm6YV2v29i5imd1jOzgFPFDSQ12HL0JyHw0Cl8XH/1DpGYTIG1hXgCxi6wAtKKEg/hYaEvAA5Jl/GtVOWbRT9dZ0FNQyfvfPeM64+SBWVHeAIKpyr+Gpq81JbYDcUlm566ukwfUi1cif87ZU4MQZKIYJet1FDkEnOi8n20jeZH6EgCWROdPtXYHohT6u6g3JC4MEUl1V7fr2CXAP/XMQfjz31UycZjtI9/76YIF0N6NORSQ/eN0MY1kCvFaDahkaJwp98t6UxUMfTtDf1IImWWatWMB+viNhH5gi26ar3zWeBXRlwuUmz7t64qmwgywc7qYtGCfWAxuMhVS88rbnGSj/Dcw6dJFJu1+5ysYY7Z4tgbShFeOioFIf9hg/j1+Ouubcjs2wZELjfXr9KHCwoDINvn+wVDn/02V7OYxeP/a8UxECKPRL6qa1JfIKYlx9w8Kt0TDSAEOc5P+rsZFfTYeUro7V/gv9gXxI/GuWkCQOexaeDGqo9+QVtlxInWrjd+vXAzEs977oSkNmRD9Ev7pSTZSEHd9bYvoMB2dzJgeYwl9YsQ7mLNMLX/du/q7s7L8qvS4thHi68XmypFUtrq0g6K2ybodgdjUEd2IGuLDdqDw2EmXN9yXu/giVd0/XKx4eRf82OK6UAjr2ZSvBQE7CQN+HsvKrnS+V4xd758BWIjR78PUGIR0tNt8pZmpE7mbluWcBTPkPalSna5l4bigtJkKKjrKHELhsVr6LtBjMy+VVOBworsaqFXwDzj0a39vRwEcfuY7YPe12hrNI9zjq/3exr1GaK4YDa/mojsfxoyKgNaoOarIAX0RRBLqmJt3lTyAkvnxe23CVPAjNcOx/m1HjqbbxJ+GWXpOHvh3RXIZbvyAKYrgM3YydGaDGfMjgmWUHeYFcydfyRuNoCXKl0fCgduQAdjpyyUSFLvdeI4HEfVsWF4AUn7A4IwUmh2kcQ56naHABgpIbf+8V", "SHA256:nQl/AkakKTV25MKXZQpEBAEECq2BKLBqrRICR0YBn8s", 8192, "RSA");

    public static readonly Vector Rsa16384 = new("Rsa16384", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAAIAQDyGaS7u6eW9Zd363u8XFDxn8Bz5tvPM7pAjI401xETUnEQ+f4Gyp+68EJFFiKo64AN+V8jCR0vY1CIe/za6yau+b88dg5HxwN922FKeudhpIX5qOE98U0Q3KMWQVsCcFDGHcb8M5RthOswylsYQvFNooWxGyEDeNQnb7zpwPPTz02wisv962zxZuvlFtz+K76dgHSPb/sRS7/gdYkuCa+w/FRTfUu7Xf2gZ49pQJa6O6R0nGvoq7vP4UNtfF3aVRta5lv3z1jRrJwExVmJYLFgIVsR72SvzZIyMePaawb1cMiMzsO2+e5TK8ozIK5e5PoP4CFvBeif7IiK/rmhW4CUT83vX76cAt4MdVkLT4ah1ZRbnNq+8YieAYMb5gkShcCpTew/6mDUTGQs4zgByoPeOpBl3ggXTDHG2nZP7HJL/rSAUGD8KN/lMhINgiISlq7ZJnEZwvgv2azI1xu6wGYYa4qOkVxSNO0nfVDCzPAU+gye5GOHWGvOhGvVdM29EEZ4TEg07XVlHjwxEHzv0XaUA65c4500ROKTWbx1XIIiJZmritlyOIGA6ekuw9c0iU4hDFUBdW8WwvCjqSTCdLRRWvcIjznazB3azuBSX9UqjoCmrAKcRL/L9mhF+Q7/k1ntbBZMbu7JC3VrnrW13djlF8Ix5ke05h4IZxyDHOtTWPUsDWv5MhGaV5UO3phkgAD4pQOOqjWqn0/746tAqdpehOo3B45nh+kfaUlJv6SWgvYd/erOMubn3Givh/cT2Jy89C8UNL8/Jz72sTOA4bU7ul2pcXwN2j3ltQSEgVZE2yMCe18oBiSv9wnk0x2D4OK0AQcQNgD9wMmaKutl7DtHRw0exuMr7yYttsAb+oE+EifRZlPXgWXN8EK6u5WJrb+7sDC/zzkIk8XaREZjFO4dTADdeCIeE4i74pj/uw29U75ZG3AauU/Nxri9Mg4/k/ZRGl1cNyQ6cUlnNHSDtnGtXOaq0Zmn3pMVAOLdOh4UhVPW+rByHDkvbsu11mPo8xi9nh5X3hYr1jrwS0gqfnB5kpX5P8jiwkf6MUDwHlcRjTJmIta3oaw6Meyh69GRTb6pURGyurSSp7+WIYBCrwsgk54Y4ABAGmBUVlWlYRDGddSeZsX1yG+CBqaTtlUpTcvFFwzDonuzT6CymFf5RT5gnTenWaJpGrB3wxVQX6IxC2g6g9vlKuVnaRGnQ780ks157FFly+yW0VwTBJlppse1ZAM+pTI/5+b1a22rA7utnb38syCAs/Bto8qfeOg1UwCYraXEypkKnGiOxKSw+hPtEDuyoHBGuYi1AxVkEVXn9YlYrToF6JoGb392GG0F/wAGNp9VyXCKkghxo2kXMExj4s0AGzhqa3yqWesMYUqffTbxKSUdLpdQ12hSButmuc8YsiMyTI804NlfSm62aa7R5AS6FICJh0sU0lWOyiMPlYg0EAo2wCBId+k0fJ21bswJ7eof5Tea52tWG687b9GsOtNZZvFdU8tBXASTUaBHZkhsfMyT6jKzvm+FHykwebePeZHtOD3oBq4wWGx+IsCn9gb5Djp8Plp8k1fPKOXVa/2V5biVx3B7Bvs84VVGsHIeBv6hmLQCw/PiuSItnF9T6uxQL0FImGhRz3Kz/dEVYXS+1KW/VuE565p6F3LFjHrtqligIjDHXlWSF4v45LmaaD4v2WBEnZD2VsniwD7RFt/GftAyFMMqv9KgrBL9mUMqcL5bOLYjFbBy3jgegiNvIW0jlOv0aDUxqTbdNq7ghfTmho/P90D2JO0SLx40T4OrsaYEOCb2B5336rT2UqTNsIWDu1861dzEs3NaiqHLnF9NhWDLCaUO28JKW5+PT+YRHpv/wYMyDq/RRifjWpP9j+S74BA4KKiS5ZhomCQZi4uza2kX3OeMObzreVoXpnd080/tdaOb1pXawYXjWu+KyBLsX+FqefuBOhXiL92fRUNc0Zajt1ou5wgayTMeVHkrbCNmgMD6zSLmEeI5A5/a0TVVPzuaVDj6r/Bnbx+VcOeyVnKtIfKg5OBaE52HHE92BO3R/RjyFhBA+tam69hZMxI284AHLxP3JNhEP4VHd/c4k9oOGRc3l8izjMf72fPmj3tMHB/ex1JVzZGF40R/jJrTS6dJMB/mJPf8v5d1IBStL91jahV7rI5vc7nfEZUcKuIoGHD2StVTSaTLGjgqeM6orUsXgxNy3OToCObdEH6idvpxbrNWAahO2E02n52B/kH+idsPHxxNBoCbkPpAhD8udOWxU8NDGUSH0SqIu538NIeI8vol5+bF51emY/aSVNJNKlS4moroCJNo5QfF5y5kbx6sL2MEC04gUVG4IvURoviVAn6299AEdDHL+ahxJzCyD3Gc1FG5RgzPpYH4Dqi/gT01BEoBtF1Em8NEzZtFVj0tTdc+4kZdlBhcBQR/bsfpaYvehC+LuL5YMiWxLKA/XS9GZbB02EtY57osVZAVxqttrqsMdy68pWWDaLJ5mNQRS5eM+YWKJjmteN3hFeE1Sefqd/m6ELEN/XZ9v+Zyf6S2Z2VfTMEUsTVeDU4HUnUGe5PEioYtiA7nH9Ga+dFBbI31H0vQexx3iPBsRAJt53SR1u7RMGUFSlVG5ezHEOY+tQxx9VqSf3QPfeqzfqkJpAroNTtN5FKVNLb8rLhouzIQfUEdJOX7esoncyxpMw1bEdnuz/KEZAHcxHnpaKJ8Hp7a5RJ1BhzYePC+Ww==", "SHA256:xexcqmW+ZCLf5ulEQvVoldakfEJMcD51myTuxQbkgIA", 16384, "RSA");

    public static readonly Vector Ecdsa256 = new("Ecdsa256", "ecdsa-sha2-nistp256", "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBezrCa6RsyyWnHDypyGZ4/72UsiLaDmJ+A04vVuxO0XsjrhX52Q7zkz5NOA2VccAFJCLwN9h/+LLrIxM6FK64k=", "SHA256:7jAGgQXAu4DfrL5cpa1Gh5gDJjwLDGLr0Ahc5TwTPOA", 256, "ECDSA");

    public static readonly Vector Ecdsa384 = new("Ecdsa384", "ecdsa-sha2-nistp384", "AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBICjCWYk5lCOX/977vdlDqcuF1ZWb4cX8cZuskRCSJBwMaCBHKvSwxzcbVdS++4MAaCsQisDSgwAhK6KcbjwitKAiSUWmRhIxFrPQojrfrDlw20bgFqc/RGiSykMTbL1jg==", "SHA256:P2NDAsOb6ZelE6dwCdqnnSaw/KVXhXMgFWI/pwNF2z0", 384, "ECDSA");

    public static readonly Vector Ecdsa521 = new("Ecdsa521", "ecdsa-sha2-nistp521", "AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBADaVbKH5FN1Dcb/jXbb4Xa1UM/l4qVKFSHQKo1o0Zk/T9eHt+vpgvMUnbyZpawktdBgF4ScnPvO7qzgM+fgy62LYACbExQvYLcrYTK+h6TxISptpCFNli4XjjW88YhL7qGmZDlezZTUCHDZryVato7Fzfe66mqZcT6aMWO+Lyr5RLc4uw==", "SHA256:qK+FmUoa7OBqzyiuH+hp974f/pt8L9SWTsjzId2I4/w", 521, "ECDSA");

    public static readonly Vector EcdsaSk = new("EcdsaSk", "sk-ecdsa-sha2-nistp256@openssh.com", "AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBBTjpImSazDYONgM5plDyz7R2dFmVJMtKCYRemL+XNvVpyRc4e+V8GBF+UZFSc2ieCpGmcB54GfjryznSgyYHHYAAAAEc3NoOg==", "SHA256:DRMDgE8K3ByBwYEcosmosvLfHMT7XabCzzM4MoIiIgU", 256, "ECDSA-SK");

    public static readonly Vector Ed25519 = new("Ed25519", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIB+fS15BtjxBL338aMGMZus6OuPYP1Ix1yKY1RRCa5VB", "SHA256:DFITA8tNfJknq6a/xbro1SxTLTWn/vwZkEROk4IB2LM", 256, "ED25519");

    public static readonly Vector Ed25519Sk = new("Ed25519Sk", "sk-ssh-ed25519@openssh.com", "AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIELpTERg9ds+oj8afq/8fOHdpbf1HBhbRcn5JTzv2QOSAAAABHNzaDo=", "SHA256:iV2l8+uJjJwyHnbaWAO25xIsYbZWN77C1kx5vxzbz9k", 256, "ED25519-SK");

    public static readonly Vector LocalEd25519 = new("LocalEd25519", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl", "SHA256:z4S/9N2VWQODl5ixZoNyY5HjdvDrr9mtpjRAbslLd+s", 256, "ED25519");

    public static readonly Vector LocalEcdsa256 = new("LocalEcdsa256", "ecdsa-sha2-nistp256", "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKWnVdev9IJih6ldx+xKsWtTNQX5hfVXLaT7SvKZlzU1mqoDJW8cgdQ0a4T+MsuRtDz2eIf3435koOdcdibVX4A=", "SHA256:etEAJlmHvO5TkVE629hpSPzCiCFI1ZfAloRxJl4c6GA", 256, "ECDSA");

    public static readonly Vector LocalEcdsa384 = new("LocalEcdsa384", "ecdsa-sha2-nistp384", "AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBC+9UCfMXFKygrJsHM9hOlGI6nHsX9iODryRZnfF9DmzhvRyPWQL/L4Ptpt06ttDo5QlB4EINRquZWKBREkTg+rmk9l3+CE42iKrrA0w2siWDdq3KgC7DuWgFFOBiFbGKQ==", "SHA256:mSu01xCsjIIWJZaXazoIlAahsb3tOhwj0Q+WYr789tQ", 384, "ECDSA");

    public static readonly Vector LocalEcdsa521 = new("LocalEcdsa521", "ecdsa-sha2-nistp521", "AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAHH/gijzKNg2QExRLhNbi0FvYh4zug+5vp3tm6k68eraGQUekIQfwIgRwmz18L1jpDMbW0NLJ3ox0IYXAqFaN8rawEDz/W7PNP/tVNd3e77jTfcZ30nQqkHGnk9IqXQS1p50UxbET4LPdXCQVFeDPGdBWl6I8RLODDIumWfTEaDVtAInw==", "SHA256:Ra5MjqY/hYKL7ChhATl4r8iiLARU6R/WBYLbXAWbcJc", 521, "ECDSA");

    public static readonly Vector LocalRsa3072 = new("LocalRsa3072", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAABgQCpMGKNoFQhBVSSsq6uVrB5PMLI0EjStp1qqtQRIJ5wFgMYH00OfazX8SR03ypClm11J5yxv/naVMBeR+RQRfa/jkvFomjAwPaNxfUlGBXC0eI9WVjPDu0SYPq13UDcddZE27C3tBJLrg3M+fYNnHJuxSVybs7nASBrKpz5Z/cxCaGOxkJAIZkDC5yEJPAcHV4qXbU2EvldQ1gLNkORi9ZrUJNTny2TE52u6yfmErbZezcs3UZ45DBw8k5aqXyhAAsNYcd1M0Sa1VpRjrR6SWIOP9W+WIZh9Bx/9NRKB2j+mT03irBzgMMygvwXRQHo2vznSW3IlFSWzgeuBiP6EOMWrGv96FConvoVhukpPif2kdTbvCv3mEujRxcaSaVUctPLALOhHz8LxYAkTRSIm98UHtS/OIjxul2GChFts+pBrNK+JgYpTvIzDGLlbVOpUejWLRuhfBU00IF/xQZBv9s2x5nEuEaBtAf212ccpTbOkajJ8/p8gbLZgTSrxoAsWPE=", "SHA256:9V+3PQaAn5NcSGWIUdGal5Ct70zSTwvYm/pp6syuqt4", 3072, "RSA");

    public static readonly Vector LocalRsa8200 = new("LocalRsa8200", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAAEAgCsUyekmQmskWOJ5mr24yKqfRkgJX5I+WpyG5K45gddObK2qsvT/1px493rA9vPG+7qISRnkXAkOSsNc0jSztI+yEhuCQgJFpxCmtFHw3h+hQ2KKs6KukMmw1s1soxnM+B4TKdGIcU1o14okIzzeZnrdclfM4KKp1UnZMbFu0TamYvH1KASjH16JybctfwRvdKWiX55MFaK090fu4/yYN8aL0JmWdEv/uVb0pGEDlfgmJ0XOr8PLOSiZqcpint2AjBkELFuf1yrALbTMzJ1mbsCfMWcWiTbLJxEGrnUP3xKFCd4n5nmciKrlG8mVybISCiIDFWIl1VzCDyac2B1WPvLhkJUkSvdFwE9u8Jnzn45vWYsjTwKNLdA7ILmVBsqrpPACiWeMOqzzvV/Z8BKRdzA3UaVTO1x4keUeHuzuaASnkFbvSwlOCvq6G/JfCUXF9965VnZ0LLQd45+8M/gsbAF+vwVjUxafwinL632p2ngBw80JGLaTwzo28Eb76GhO92K2Z/tUsnakm1BPvk89bQsrD4dHV24B0B2HAq6f+cF6MHbGcRqDBC7tFH+37TyxKzKEex/W4rmndwHA6SbCvmdmwl3p4wzLgdG2yxqUUP4LgPUNupjK1VBh8uNdTCyBHJfEndqb73liz4nQw3nfcR+Oye8ilqGdYLv6Cj5jsAyPKdSLje+xpoWIPqTaVcX6oeaAEWpwNXN/eU3Rb6nBtRJHgJCKe+hW0rpppaDcPilOJP7JL0lJsrTth0DEXwZQF4RdfEQ/kRMhdXIa31cSePsyIh71fRBV5mrQGTk7zw1YGOQF6TQE2eMsR9QUcj3bHRzyFSFC0bMWx9Bqe0quG/0GvB0WKvz+QDzpAxu/+bZOyClNi17insdYvhSo+oA+BX3gDLq1Ti8HLlDSVv9k5IVfKVbx3yGUgxEiqAFB28+HUk3QuMbd650mTazYg0ZbYYJsxFdYAtgCFmZzvnmYmDRDlczsyyaNwe+7Wt1u07ct2/QY1Xpl0cLhR1uY+wge4w3SiEypTjwzHeFC17x+34fvqn+75ZaNNBhPE5YFqnxfQQfBFrnQ1Igpu5dVatjYr9ErDJpV1uvi2qUnPK829iWtsv408N4m0zGDG2gDNlWJYREnL+H/CWC3gvE7BJ38MyeoyyIkf123qLjjA5NfpZpcb6diiI0kW6eM7pgnaFxogcpkr2FEfOIZ0eTQKKhR2auVuz2XL9OmndYQOMKbfKG2JREAaLhfUr6Wzlkf/W6QH+oCvVT99Gja0hfCx6ojpbr5zmtOIKttxYbs+DLmBUorj6L9BrzH7ZyuVW0jfniln9x3xHdQPvAv+E+/yi7VnPKLwqiRndXPWgz0qwfEEgU+w==", "SHA256:rwQvszkNFJOkR6oq5s47LZm/6XrVkVhvKRfsb3Iepaw", 8200, "RSA");

    public static readonly Vector LocalEcdsaSk = new("LocalEcdsaSk", "sk-ecdsa-sha2-nistp256@openssh.com", "AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBKWnVdev9IJih6ldx+xKsWtTNQX5hfVXLaT7SvKZlzU1mqoDJW8cgdQ0a4T+MsuRtDz2eIf3435koOdcdibVX4AAAAAEc3NoOg==", "SHA256:331q5qXpGBqcIAkFRlol2lxzL7Fyr7QUAeoWuwIQiAs", 256, "ECDSA-SK");

    public static readonly Vector LocalEd25519Sk = new("LocalEd25519Sk", "sk-ssh-ed25519@openssh.com", "AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYlAAAABHNzaDo=", "SHA256:ihHeGIYw1WN2mtKfYss3EzDClkrju4Q3YF6PjMn/TE4", 256, "ED25519-SK");

    public static readonly Vector LocalRsa1024Odd = new("LocalRsa1024Odd", "ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAAAgQDDgeiPOMDI/YcSuLwHbzeHudF54GwP1PX4EwxCN3MO36+9Z/lhlpnP4ZiK2fBsFEoCW0E/ipoCHqZIp90Gg565Bbbm4wfUvtxRQxGT5sPzORorjx/x/UKil1XUwTqQKTHNRH41uLbY/kQuPUNyBOUtsiIaWACKBabEZHFZwyTJhQ==", "SHA256:uAV2iUCCFA2zB6kTOtjAEfa5o8HZwnrdoLNQGQYRyz8", 1024, "RSA");

    public static readonly Vector[] All =
    [
        Rsa1024,
        Rsa2048,
        Rsa4096,
        Rsa8192,
        Rsa16384,
        Ecdsa256,
        Ecdsa384,
        Ecdsa521,
        EcdsaSk,
        Ed25519,
        Ed25519Sk,
        LocalEd25519,
        LocalEcdsa256,
        LocalEcdsa384,
        LocalEcdsa521,
        LocalRsa3072,
        LocalRsa8200,
        LocalEcdsaSk,
        LocalEd25519Sk,
        LocalRsa1024Odd,
    ];

    // Refused by ssh-keygen -lf ("is not a public key file"), except Dsa1024 which it reads as a DSA key.
    public const string Dsa1024 = "AAAAB3NzaC1kc3MAAACBAKDys0JdSl4+XWaU9TOVO/ZcwqAvqudSVx2YXolPOciz4zAkTaO4EV1eyDuZx1b5t9xTBazX1TGObxbnjwpLZA9ShWfPjgkEC9MA1AYbQLPtaMYOQTKUCK2nYZI7nb26vSPxfOqFHErWVVr5DBmwlzNEUKz/MIpv5Kb4pMK1jKdNAAAAFQCBCX/o1RraOjke6wps4s+6a9ClnQAAAIA7/k/mMWD02CWzaJxULrv5nwwlYtRHIpsFRbaBPyS1trmAF/qZZAc/A5d1VGUQt9kndTgac+3j3G5jhxEm5iBJcff1gELNy88VvQCy36QECMq6OeqaZyVX9KFFLhHNGTxmYrjlO8xD/jgZuOESem8DKesPmUkXAVcUi03S9xvWqwAAAIEAi9ZtksCFoBo2BB9+FLMXpfC5BIerPhJw5cDIDin/FuLJ7UxskCXOPaWaMmHNntgwSb8zPfb7hoxNKUP7d1VGcmWh47YVWrojqwwcpcf71OHtifGtkJxFS9Dk7BX3cYqb8BKPy03y4SHiGwI2UoGNDxMXEfXUL0LJjJ4wSqMffSc=";

    public const string Rsa768 = "AAAAB3NzaC1yc2EAAAADAQABAAAAYQCbgQ52bsnShmPKgo3V9LOy5LBs5gdBx6h85CyCGAcujDW/mS3J6cYWYS52lqbOzBt45RBhcxHYo8LOb0R+1NV7Hi/riUFMNDwQJ8TRw4a7xM1hPjDY8WrfkbdYSiJlsfU=";

    public const string Ed25519BlobUnderRsaType = "AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYl";

    public const string Nistp256TypeWithNistp384Curve = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAzODQAAABBBKWnVdev9IJih6ldx+xKsWtTNQX5hfVXLaT7SvKZlzU1mqoDJW8cgdQ0a4T+MsuRtDz2eIf3435koOdcdibVX4A=";

    public const string Nistp256PointOffCurve = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKWnVdev9IJih6ldx+xKsWtTNQX5hfVXLaT7SvKZlzU1mqoDJW8cgdQ0a4T+MsuRtDz2eIf3435koOdcdibVX4E=";

    public const string Ed25519WithTrailingByte = "AAAAC3NzaC1lZDI1NTE5AAAAIO17w0+8Cn8TvL29zEAnj4MO9io+Rm1dTPnNLgQUTEYlAA==";
}
