// Placeholder replaced by the entry program's implementation.
return 1;
