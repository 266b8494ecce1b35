namespace Rampart.Bastion.Tests;
