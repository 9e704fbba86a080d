-- <Select>
SELECT Id, Name
FROM Customers
WHERE Country = 'ES';
-- </Select>
